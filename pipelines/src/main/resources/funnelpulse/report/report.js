// Draws the FunnelPulse report from the JSON in #report-data (written by the report command).
// Every chart is an ECharts instance rendered as SVG; window.funnelpulseCharts holds them by id.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = {};
  window.funnelpulseCharts = charts;
  var count = new Intl.NumberFormat('en-US');
  var money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var keyLabel = data.key_label;
  var sections = document.getElementById('sections');

  function isEmpty(table) {
    return data.empty.indexOf(table) >= 0;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function section(id, title, note) {
    var s = el('section', { id: id });
    s.appendChild(el('h2', {}, title));
    if (note) { s.appendChild(el('p', { 'class': 'note' }, note)); }
    sections.appendChild(s);
    return s;
  }

  function emptyNote(parent, table, what) {
    var name = table === 'funnel' ? data.funnel_table : table;
    parent.appendChild(el('p', { 'class': 'empty', 'data-empty': table }, 'Nothing to show: ' + what + '. The table '
      + name + ' has no rows' + (data.range_given ? ' in ' + data.range : '') + ', or the run did not write it.'));
  }

  function chart(parent, id, option) {
    var div = el('div', { 'class': 'chart', id: id });
    parent.appendChild(div);
    var instance = echarts.init(div, null, { renderer: 'svg' });
    option.animation = false;
    option.grid = option.grid || { left: 70, right: 70, top: 50, bottom: 60 };
    instance.setOption(option);
    charts[id] = instance;
    return instance;
  }

  function timeAxis() {
    return { type: 'time', name: 'window start (UTC)', nameLocation: 'middle', nameGap: 32 };
  }

  function valueAxis(name, formatter) {
    return { type: 'value', name: name, minInterval: formatter ? 0 : 1, axisLabel: formatter ? { formatter: formatter } : {} };
  }

  function countAxisBelow(name) {
    return { type: 'value', name: name, nameLocation: 'middle', nameGap: 26, minInterval: 1 };
  }

  function line(name, points, extra) {
    var s = { name: name, type: 'line', showSymbol: false, data: points };
    Object.keys(extra || {}).forEach(function (k) { s[k] = extra[k]; });
    return s;
  }

  function table(parent, id, headers, rows) {
    var t = el('table', { id: id });
    var head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', { 'class': h.num ? 'num' : '' }, h.label)); });
    t.appendChild(head);
    rows.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (cell, i) {
        tr.appendChild(el('td', { 'class': headers[i].num ? 'num' : (headers[i].raw ? 'raw' : '') }, String(cell)));
      });
      t.appendChild(tr);
    });
    parent.appendChild(t);
  }

  function time(ms) {
    return new Date(ms).toISOString().replace('T', ' ').substring(0, 16) + ' UTC';
  }

  // Headline numbers.
  var h = data.headline;
  document.getElementById('subtitle').textContent = 'Output ' + data.output + ' \u00b7 ' + data.range
    + (h.runner ? ' \u00b7 ' + h.runner + ' (' + h.mode + ')' : '') + ' \u00b7 numbers from the ' + h.source;
  [['records_read', 'Records read', count.format(h.records_read)],
   ['valid', 'Valid events', count.format(h.valid)],
   ['quarantined', 'Quarantined', count.format(h.quarantined)],
   ['windows', 'Windows', count.format(h.windows)],
   ['revenue', 'Revenue', money.format(Number(h.revenue))]].forEach(function (c) {
    var card = el('div', { 'class': 'card', 'data-name': c[0] });
    card.appendChild(el('div', { 'class': 'label' }, c[1]));
    card.appendChild(el('div', { 'class': 'value' }, c[2]));
    document.getElementById('headline').appendChild(card);
  });

  // Anomalies, marked on the chart of the metric they concern.
  function marksFor(metric, key) {
    return data.anomalies.marks.filter(function (a) { return a.metric === metric && a.brand === key; })
      .map(function (a) {
        return { coord: [a.t, a.observed], value: a.direction === 'DROP' ? '\u25bc' : '\u25b2',
          name: a.severity + ' ' + a.direction + ': observed ' + a.observed + ', expected ' + a.expected.toFixed(1),
          itemStyle: { color: a.severity === 'CRITICAL' ? '#c81e1e' : '#e8a317' } };
      });
  }

  // The funnel over time.
  var funnel = data.funnel || [];
  var s = section('funnel', 'Views, carts and purchases per window, all ' + keyLabel + 's together',
    'Events per window from the funnel table\'s final view; views on the left axis, carts and purchases on the right.');
  if (isEmpty('funnel')) {
    emptyNote(s, 'funnel', 'no funnel rows');
  } else {
    chart(s, 'chart-funnel', {
      tooltip: { trigger: 'axis' }, legend: { top: 0 },
      xAxis: timeAxis(),
      yAxis: [valueAxis('views / window'), valueAxis('carts, purchases / window')],
      series: [
        line('views', funnel.map(function (w) { return [w.t, w.views]; })),
        line('carts', funnel.map(function (w) { return [w.t, w.carts]; }), { yAxisIndex: 1 }),
        line('purchases', funnel.map(function (w) { return [w.t, w.purchases]; }), { yAxisIndex: 1 })]
    });
  }

  // Per key: one chart per event type, the busiest keys as lines, anomalies marked.
  [['views', 1, 'views'], ['carts', 2, 'carts'], ['purchases', 3, 'purchases']].forEach(function (m) {
    var sec = section('by-key-' + m[0], m[0].charAt(0).toUpperCase() + m[0].slice(1) + ' per window of the busiest '
      + keyLabel + 's', m[2] ? 'Anomalies of ' + m[0] + ' are marked (\u25bc drop, \u25b2 spike; red: critical); the table below lists them all.' : null);
    if (!data.by_key || data.by_key.length === 0) {
      emptyNote(sec, 'funnel', 'no rows per ' + keyLabel);
      return;
    }
    chart(sec, 'chart-' + m[0] + '-by-key', {
      tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' },
      xAxis: timeAxis(), yAxis: valueAxis(m[0] + ' / window'),
      series: data.by_key.map(function (k) {
        return line(k.key, k.points.map(function (p) { return [p[0], p[m[1]]]; }),
          m[2] ? { markPoint: { symbolSize: 34, label: { fontSize: 11 }, data: marksFor(m[2], k.key) } } : {});
      })
    });
  });

  // Conversion rates, with rate anomalies as marked windows.
  s = section('rates', 'Conversion rates per window, all ' + keyLabel + 's together',
    'Shares in percent; a window with no views (or no carts) has no rate. Rate anomalies of a ' + keyLabel + ' are marked as vertical lines.');
  if (isEmpty('funnel')) {
    emptyNote(s, 'funnel', 'no funnel rows');
  } else {
    var rateMarks = data.anomalies.marks.filter(function (a) { return a.metric.indexOf('rate') >= 0; }).map(function (a) {
      return { xAxis: a.t, name: a.brand + ' ' + a.metric + ' ' + a.direction, label: { formatter: '{b}', fontSize: 10 } };
    });
    var pct = function (v) { return v === null ? null : v * 100; };
    chart(s, 'chart-rates', {
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? '\u2013' : v.toFixed(2) + ' %'; } },
      legend: { top: 0 }, xAxis: timeAxis(), yAxis: valueAxis('share of events (%)', '{value} %'),
      series: [
        line('view \u2192 cart', funnel.map(function (w) { return [w.t, pct(w.view_to_cart)]; }),
          { markLine: { symbol: 'none', lineStyle: { color: '#c81e1e', type: 'dashed' }, data: rateMarks } }),
        line('cart \u2192 purchase', funnel.map(function (w) { return [w.t, pct(w.cart_to_purchase)]; })),
        line('view \u2192 purchase', funnel.map(function (w) { return [w.t, pct(w.view_to_purchase)]; }))]
    });
  }

  // Revenue.
  s = section('revenue', 'Revenue per window', 'Sum of purchase prices per window, all ' + keyLabel + 's together.');
  if (isEmpty('funnel')) {
    emptyNote(s, 'funnel', 'no funnel rows');
  } else {
    chart(s, 'chart-revenue', {
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return money.format(v); } },
      xAxis: timeAxis(), yAxis: valueAxis('revenue / window'),
      series: [{ name: 'revenue', type: 'bar', data: funnel.map(function (w) { return [w.t, Number(w.revenue)]; }) }]
    });
  }

  // Anomalies.
  s = section('anomalies', 'Anomalies', 'Each alert once, in its latest state (open, or closed on recovery): when it '
    + 'started, how many windows it lasted, what was observed and expected over them, and the accumulated evidence.');
  if (isEmpty('anomalies')) {
    emptyNote(s, 'anomalies', 'no anomaly');
  } else {
    table(s, 'anomaly-table',
      [{ label: 'started' }, { label: keyLabel }, { label: 'metric' }, { label: 'direction' }, { label: 'status' },
       { label: 'windows', num: true }, { label: 'observed', num: true }, { label: 'expected', num: true },
       { label: 'missing (− extra)', num: true }, { label: 'score', num: true }, { label: 'severity' }],
      data.anomalies.alerts.map(function (a) {
        return [time(a.t), a.brand, a.metric + (a.provisional ? ' (provisional)' : ''), a.direction, a.status, a.windows,
          a.observed.toFixed(1), a.expected.toFixed(1), (a.expected - a.observed).toFixed(1), a.score.toFixed(1),
          a.severity];
      }));
  }

  // Visitors.
  s = section('visitors', 'Unique visitors and sessions per window', 'HyperLogLog estimates (visitors_hourly).');
  if (isEmpty('visitors_hourly')) {
    emptyNote(s, 'visitors_hourly', 'no visitor counts');
  } else {
    chart(s, 'chart-visitors', {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, xAxis: timeAxis(), yAxis: valueAxis('distinct / window'),
      series: [line('visitors', data.visitors.map(function (r) { return [r[0], r[1]]; })),
               line('sessions', data.visitors.map(function (r) { return [r[0], r[2]]; }))]
    });
  }

  // Dead letters.
  s = section('dead-letters', 'Dead letters', 'Every record the run could not use, by reason and by source, with an example of each reason.');
  var dead = data.dead_letters;
  if (isEmpty('dead_letter')) {
    emptyNote(s, 'dead_letter', 'no dead letter');
  } else {
    var pair = el('div', { 'class': 'pair' });
    s.appendChild(pair);
    [['chart-dead-by-reason', dead.by_reason, 'reason'], ['chart-dead-by-source', dead.by_source, 'source']].forEach(function (d) {
      var holder = el('div');
      pair.appendChild(holder);
      chart(holder, d[0], {
        title: { text: 'by ' + d[2], textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 190, right: 40, top: 40, bottom: 50 },
        xAxis: countAxisBelow('records'),
        yAxis: { type: 'category', inverse: true, data: d[1].map(function (r) { return r[0].length > 28 ? '\u2026' + r[0].slice(-27) : r[0]; }) },
        series: [{ name: 'records', type: 'bar', data: d[1].map(function (r) { return r[1]; }) }]
      });
    });
    table(s, 'dead-letter-examples', [{ label: 'reason' }, { label: 'source' }, { label: 'position', num: true },
      { label: 'message' }, { label: 'record', raw: true }],
      dead.examples.map(function (e) { return [e.reason, e.source, e.position, e.message, e.raw]; }));
  }

  // Top products.
  var top = data.top_products;
  s = section('top-products', 'Top products of the busiest window',
    top.t ? 'Page views per product in ' + time(top.t) + ', the window with the most page views.' : null);
  if (isEmpty('top_products_hourly')) {
    emptyNote(s, 'top_products_hourly', 'no top products');
  } else {
    chart(s, 'chart-top-products', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 110, right: 40, top: 20, bottom: 50 },
      xAxis: countAxisBelow('page views'),
      yAxis: { type: 'category', inverse: true, name: 'product', data: top.rows.map(function (r) { return r[1]; }) },
      series: [{ name: 'page views', type: 'bar', data: top.rows.map(function (r) { return r[2]; }) }]
    });
  }

  // Session funnel.
  var sf = data.session_funnel;
  s = section('session-funnel', 'Session funnel',
    'Sessions (per ' + keyLabel + ') that reached each step in order: viewed, then carted, then purchased.');
  if (isEmpty('session_funnel_hourly_brand')) {
    emptyNote(s, 'session_funnel_hourly_brand', 'no session funnel');
  } else {
    chart(s, 'chart-session-funnel', {
      tooltip: { trigger: 'item', formatter: function (p) { return p.name + ': ' + count.format(p.value) + ' sessions'; } },
      legend: { top: 0 },
      series: [{ name: 'sessions', type: 'funnel', top: 40, bottom: 10, sort: 'descending', minSize: '8%',
        label: { formatter: function (p) { return p.name + '  ' + count.format(p.value); } },
        data: [{ name: 'viewed', value: sf.viewed }, { name: 'carted', value: sf.carted },
               { name: 'purchased', value: sf.purchased }] }]
    });
    s.appendChild(el('p', { 'class': 'note' }, count.format(sf.sessions) + ' sessions \u00d7 ' + keyLabel + 's; '
      + count.format(sf.purchased_without_cart) + ' purchased without a counted cart.'));
  }

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (id) { charts[id].resize(); });
  });
  window.funnelpulseReady = true;
}());
