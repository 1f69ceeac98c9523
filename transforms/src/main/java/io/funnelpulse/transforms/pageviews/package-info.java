/**
 * Page views per window × product ({@code product_id}, REES46's page) and the Top-N products of each
 * window, both pre-aggregated per bundle and merged per window.
 */
package io.funnelpulse.transforms.pageviews;
