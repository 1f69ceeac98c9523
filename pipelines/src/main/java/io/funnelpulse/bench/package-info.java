/** The streaming benchmark: replay generated events into a watched directory and measure the job. */
package io.funnelpulse.bench;
