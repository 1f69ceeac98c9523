package io.funnelpulse.transforms.sessions;

