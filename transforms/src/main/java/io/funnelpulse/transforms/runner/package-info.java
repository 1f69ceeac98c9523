/** Where the transforms bend to what a runner's streaming mode does: {@link io.funnelpulse.transforms.runner.RunnerWorkarounds}. */
package io.funnelpulse.transforms.runner;
