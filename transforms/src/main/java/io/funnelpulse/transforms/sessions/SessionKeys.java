package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.ClickEvent;

/**
 * What a session is keyed by: the event's {@code user_session}, or {@code user:<user_id>} where the
 * session id is missing; {@code null} for an event with neither, which belongs to no session.
 */
public final class SessionKeys {
  /** Prefix of the key of an event sessionized by its user. */
  public static final String USER_PREFIX = "user:";

  private SessionKeys() {}

  /** The session key of {@code event}, or {@code null} if it has neither session id nor user id. */
  public static String keyOf(ClickEvent event) {
    if (event.userSession() != null) {
      return event.userSession();
    }
    return event.userId() == null ? null : USER_PREFIX + event.userId();
  }
}
