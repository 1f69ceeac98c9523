/**
 * The "silver" cleaning rules: validate event type and price, normalise brand and category code, and
 * quarantine what fails with a reason.
 */
package io.funnelpulse.transforms.clean;
