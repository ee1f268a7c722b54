// The dashboard page: one EventSource on /dashboard/events; each named event replaces one section
// of what is shown ("tail" appends events). Clicks ask /dashboard/api/... for details.
'use strict';

const SECTIONS = ['overview', 'strength', 'breakers', 'stages', 'kafka', 'signals'];
const NOISE = ['DaemonHeartbeat', 'BandwidthRequested', 'BandwidthGranted', 'BandwidthReleased'];
const KINDS = {promoted: 'promoted', rejected: 'rejected', rolled_back: 'rolled back'};
const TAIL_KEPT = 1000;
const TAIL_SHOWN = 200;

// What the page knows; tests read it (and the charts) through window.ringrift.
const state = {sections: {}, tail: [], lastSeq: 0, clockOffset: 0, trace: [], updates: 0};
const charts = {};
window.ringrift = {state, charts};

// ---- helpers ---------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === null || v === undefined || v === false) return;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'className') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  });
  children.flat().forEach(c => {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  });
  return node;
}

function table(id, headers, rows, empty) {
  const t = document.getElementById(id);
  t.replaceChildren(el('tr', {}, headers.map(h => el('th', {}, h))));
  if (rows.length === 0) {
    t.append(el('tr', {}, el('td', {colspan: headers.length, className: 'muted'}, empty)));
  }
  rows.forEach(r => t.append(r));
}

const now = () => Date.now() + state.clockOffset;
const time = ms => (ms ? new Date(ms).toLocaleTimeString([], {hour12: false}) : '');
const short = id => (id ? id.slice(0, 8) : '');
const fixed = (x, digits) => (x === null || x === undefined ? '' : Number(x).toFixed(digits));

function duration(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return ms + ' ms';
  const s = Math.round(ms / 1000);
  if (s < 120) return s + ' s';
  const m = Math.floor(s / 60);
  return m < 120 ? m + ' min ' + (s % 60) + ' s' : Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

function modelLink(model) {
  if (!model) return '';
  return el('a', {href: '#lineage', className: 'model', onclick: () => showLineage(model)}, model);
}

function traceLink(trace) {
  if (!trace) return '';
  return el('a', {href: '#events', className: 'trace', title: trace, onclick: () => followTrace(trace)},
    short(trace));
}

async function getJson(path) {
  const response = await fetch(path, {cache: 'no-store'});
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

// ---- the stream ------------------------------------------------------------------------------

function connect() {
  const status = document.getElementById('connection');
  const source = new EventSource('events');
  source.onopen = () => { status.textContent = 'live'; status.className = 'pill live'; };
  source.onerror = () => { status.textContent = 'reconnecting…'; status.className = 'pill down'; };
  SECTIONS.forEach(name => source.addEventListener(name, e => {
    const body = JSON.parse(e.data);
    state.sections[name] = body;
    state.clockOffset = body.now - Date.now();
    state.updates++;
    RENDER[name](body);
  }));
  source.addEventListener('tail', e => addTail(JSON.parse(e.data)));
}

const RENDER = {overview, strength, breakers, stages, kafka, signals};

// ---- overview --------------------------------------------------------------------------------

function overview(body) {
  const f = body.feed;
  const text = (f.caughtUp ? 'live' : 'reading history') + ' · ' + f.records + ' records read'
    + (f.undecodable ? ' · ' + f.undecodable + ' undecodable' : '')
    + (body.duplicatesSkipped ? ' · ' + body.duplicatesSkipped + ' redelivered copies skipped' : '')
    + (f.missingTopics.length ? ' · missing topics: ' + f.missingTopics.join(', ') : '')
    + (f.error ? ' · ERROR: ' + f.error : '');
  const feed = document.getElementById('feed');
  feed.textContent = text;
  feed.className = f.error ? 'error' : 'muted';
  const select = document.getElementById('filter-config');
  body.configs.forEach(c => {
    if (![...select.options].some(o => o.value === c)) select.append(el('option', {value: c}, c));
  });
  table('streams-table', ['View', 'App', 'State', 'Queryable', 'Entries', 'Fetched', 'Message'],
    body.streamsApps.map(a => el('tr', {},
      el('td', {}, a.url), el('td', {}, a.app || ''), el('td', {}, a.state || ''),
      el('td', {}, a.available ? 'yes' : 'no'), el('td', {className: 'num'}, a.entries),
      el('td', {}, time(a.fetchedAt)), el('td', {className: 'muted'}, a.message || ''))),
    'no Streams app status endpoint answered yet');
}

// ---- strength: Elo charts, evidence, decisions -----------------------------------------------

function strength(body) {
  const root = document.getElementById('strength-configs');
  Object.entries(body.configs).forEach(([config, c]) => {
    let card = document.getElementById('config-' + config);
    if (!card) {
      card = el('div', {id: 'config-' + config, className: 'card', 'data-config': config},
        el('h3', {}, config),
        el('div', {className: 'production'}),
        el('div', {className: 'row'},
          el('div', {className: 'chart'}),
          el('div', {className: 'evidence'})),
        el('div', {className: 'hover muted'}, ' '),
        el('table', {className: 'decisions'}));
      root.append(card);
    }
    chart(card, config, c);
    evidence(card, c);
    decisions(card, c.points);
  });
}

function chart(card, config, c) {
  const xs = [...new Set([...c.points, ...c.production].map(p => p.at / 1000))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const series = [[], [], [], []].map(() => xs.map(() => null));
  const models = [[], [], [], []].map(() => xs.map(() => null));
  c.production.forEach(p => {
    series[0][index.get(p.at / 1000)] = p.elo;
    models[0][index.get(p.at / 1000)] = p;
  });
  c.points.forEach(p => {
    const s = {promoted: 1, rejected: 2, rolled_back: 3}[p.kind];
    if (s !== undefined && p.elo !== null) {
      series[s][index.get(p.at / 1000)] = p.elo;
      models[s][index.get(p.at / 1000)] = p;
    }
  });
  // the production model stays production until the next decision: draw its line to the last point
  if (c.production.length && xs.length) {
    const last = c.production[c.production.length - 1];
    const end = xs.length - 1;
    if (series[0][end] === null) {
      series[0][end] = last.elo;
      models[0][end] = last;
    }
  }
  const data = [xs, ...series];
  const points = [null, ...models]; // points[k][i]: the point behind data[k][i]
  let u = charts[config];
  if (u) {
    u.ringriftPoints = points;
    u.setData(data);
    return;
  }
  const box = card.querySelector('.chart');
  const dot = (color, fill, size) => ({stroke: color, paths: () => null,
    points: {show: true, size, stroke: color, fill, width: 2}});
  u = new uPlot({
    width: Math.max(360, Math.min(box.clientWidth || 640, 760)),
    height: 240,
    scales: {x: {time: true}},
    series: [
      {},
      {label: 'production Elo', stroke: '#2563eb', width: 2, spanGaps: true,
        paths: uPlot.paths.stepped({align: 1}), points: {show: false}},
      Object.assign({label: 'promoted'}, dot('#15803d', '#22c55e', 10)),
      Object.assign({label: 'rejected'}, dot('#b91c1c', '#ffffff', 8)),
      Object.assign({label: 'rolled back'}, dot('#b45309', '#f59e0b', 10)),
    ],
    axes: [{}, {label: 'Elo', size: 60}],
    cursor: {points: {size: 8}},
    hooks: {setCursor: [u => hover(card, u)]},
  }, data, box);
  u.ringriftPoints = points;
  charts[config] = u;
}

function hover(card, u) {
  const i = u.cursor.idx;
  if (!u.ringriftPoints) return;
  const line = card.querySelector('.hover');
  if (i === null || i === undefined) { line.textContent = ' '; return; }
  const p = [2, 3, 4].map(k => u.ringriftPoints[k][i]).find(x => x) || u.ringriftPoints[1][i];
  if (!p) { line.textContent = ' '; return; }
  line.textContent = time(p.at) + ' ' + (KINDS[p.kind] || p.kind) + ' ' + p.model + ' Elo '
    + fixed(p.elo, 1) + (p.gate ? ' — ' + p.gate + ': ' + fixed(p.actual, 3) + ' vs ' + fixed(p.threshold, 3) : '')
    + (p.from ? ' (from ' + p.from + ')' : '');
}

function evidence(card, c) {
  const box = card.querySelector('.evidence');
  const production = card.querySelector('.production');
  const e = c.evidence;
  if (!e) {
    production.replaceChildren(el('span', {className: 'muted'}, 'no production model yet'));
    box.replaceChildren();
    return;
  }
  production.replaceChildren('production ', modelLink(e.model), ' · Elo ', el('b', {}, fixed(e.elo, 1)),
    ' · win rate ', fixed(e.winRate, 3), ' · promoted ', time(e.promotedAt),
    e.previousModel ? ' · replaced ' : '', e.previousModel ? modelLink(e.previousModel) : '');
  const parts = [];
  if (e.evaluation) {
    const v = e.evaluation;
    parts.push(el('div', {}, el('b', {}, v.games + ' games'), ', win rate ' + fixed(v.winRate, 3)));
    parts.push(el('table', {className: 'small'},
      el('tr', {}, ['Opponent', 'Games', 'W-L-D', 'Win rate'].map(h => el('th', {}, h))),
      v.baselines.map(b => el('tr', {}, el('td', {}, b.baseline), el('td', {className: 'num'}, b.games),
        el('td', {}, b.wins + '-' + b.losses + '-' + b.draws), el('td', {className: 'num'}, fixed(b.win_rate, 3)))),
      v.headToHead ? el('tr', {}, el('td', {}, 'champion ', modelLink(v.headToHead.champion_model_id)),
        el('td', {className: 'num'}, v.headToHead.games),
        el('td', {}, v.headToHead.wins + '-' + v.headToHead.losses + '-' + v.headToHead.draws),
        el('td', {className: 'num'}, fixed(v.headToHead.win_rate, 3))) : null));
  } else {
    parts.push(el('div', {className: 'muted'}, 'its evaluation is not among the events read'));
  }
  if (e.sprt) {
    const s = e.sprt;
    parts.push(el('div', {}, 'SPRT (elo0 ' + s.elo0 + ', elo1 ' + s.elo1 + '): ', el('b', {}, s.verdict),
      ', LLR ' + fixed(s.llr, 2) + ' in [' + fixed(s.lower, 2) + ', ' + fixed(s.upper, 2) + ']',
      e.headToHeadRule !== 'SPRT' ? el('span', {className: 'muted'}, ' (gate rule: ' + e.headToHeadRule + ')') : ''));
  }
  if (e.promotion) {
    parts.push(el('details', {className: 'small'}, el('summary', {}, 'gates at its promotion'),
      el('div', {className: 'muted'}, e.promotion)));
  }
  box.replaceChildren(...parts);
}

function decisions(card, points) {
  const t = card.querySelector('.decisions');
  const shown = points.filter(p => p.kind !== 'reevaluated').slice(-8).reverse();
  t.replaceChildren(el('tr', {}, ['Time', 'Decision', 'Model', 'Elo', 'Gate', 'Actual', 'Threshold'].map(h => el('th', {}, h))),
    ...shown.map(p => el('tr', {className: 'kind-' + p.kind, 'data-kind': p.kind, 'data-model': p.model},
      el('td', {}, time(p.at)), el('td', {}, KINDS[p.kind] || p.kind), el('td', {}, modelLink(p.model)),
      el('td', {className: 'num'}, fixed(p.elo, 1)), el('td', {}, p.gate || ''),
      el('td', {className: 'num'}, fixed(p.actual, 3)), el('td', {className: 'num'}, fixed(p.threshold, 3)))));
}

// ---- breakers --------------------------------------------------------------------------------

// when each cell's status last changed on the page (this page's clock), in data-shown-at
const cellShown = new Map();

function shownAt(key, status) {
  const seen = cellShown.get(key);
  if (!seen || seen.status !== status) cellShown.set(key, {status, at: Date.now()});
  return cellShown.get(key).at;
}

function breakers(body) {
  const t = document.getElementById('breaker-grid');
  t.replaceChildren(el('tr', {}, el('th', {}, 'stage'), body.configs.map(c => el('th', {}, c))));
  body.stages.forEach(stage => {
    t.append(el('tr', {}, el('th', {}, stage), body.configs.map(config => {
      const key = config + '/' + stage;
      const cell = body.cells[key];
      const status = cell ? cell.status : 'CLOSED';
      return el('td', {className: 'cell ' + status.toLowerCase(), 'data-key': key, 'data-status': status,
        'data-retry-at': cell && cell.retryAt, 'data-shown-at': shownAt(key, status), title: cell && cell.lastError || '',
        onclick: () => breakerHistory(key)},
        el('div', {className: 'status'}, status),
        el('div', {className: 'small'}, cell ? cell.consecutiveFailures + ' failures · ' + cell.opens + ' opens' : 'no failures'),
        el('div', {className: 'small probe'}));
    })));
  });
  countdown();
}

function countdown() {
  document.querySelectorAll('#breaker-grid td.cell').forEach(td => {
    const retry = Number(td.dataset.retryAt);
    const probe = td.querySelector('.probe');
    if (td.dataset.status === 'OPEN' && retry) {
      const left = retry - now();
      probe.textContent = left > 0 ? 'probe in ' + duration(left) : 'probe due';
    } else if (td.dataset.status === 'HALF_OPEN') {
      probe.textContent = 'probing';
    } else {
      probe.textContent = '';
    }
  });
}

async function breakerHistory(key) {
  const box = document.getElementById('breaker-history');
  box.hidden = false;
  box.replaceChildren(el('h3', {}, 'History of ' + key), 'loading…');
  try {
    const changes = await getJson('api/breakers/' + key);
    box.replaceChildren(el('h3', {}, 'History of ' + key),
      changes.length === 0 ? el('p', {className: 'muted'}, 'no state change seen') :
        el('table', {}, el('tr', {}, ['Time', 'From', 'To', 'Failures', 'Opens', 'Probe at', 'Reason'].map(h => el('th', {}, h))),
          changes.map(c => el('tr', {}, el('td', {}, time(c.at)), el('td', {}, c.from), el('td', {}, c.to),
            el('td', {className: 'num'}, c.consecutiveFailures), el('td', {className: 'num'}, c.opens),
            el('td', {}, time(c.retryAt)), el('td', {}, c.reason)))));
  } catch (e) {
    box.replaceChildren(el('p', {className: 'error'}, e.message));
  }
}

// ---- stages ----------------------------------------------------------------------------------

function stages(body) {
  table('stage-table', ['Stage', 'Config', 'Started', 'Succeeded', 'Failed', 'Handed back', 'Retries',
    'Gave up', 'Mean', 'Max', 'Last', 'Now', 'Progress', 'Last error'],
  Object.values(body.rows).map(r => el('tr', {'data-key': r.stage + '/' + r.config},
    el('td', {}, r.stage), el('td', {}, r.config), el('td', {className: 'num'}, r.started),
    el('td', {className: 'num'}, r.succeeded), el('td', {className: 'num' + (r.failed ? ' bad' : '')}, r.failed),
    el('td', {className: 'num'}, r.interrupted), el('td', {className: 'num'}, r.retries),
    el('td', {className: 'num' + (r.gaveUp ? ' bad' : '')}, r.gaveUp),
    el('td', {className: 'num'}, duration(r.meanMillis)), el('td', {className: 'num'}, duration(r.maxMillis)),
    el('td', {className: 'num'}, duration(r.lastMillis)),
    el('td', {}, r.current ? 'attempt ' + r.current.attempt + ' of ' + short(r.current.trigger) + ' since ' + time(r.current.since) : ''),
    el('td', {}, r.progress ? progress(r.progress) : ''),
    el('td', {className: 'muted small'}, r.lastError || ''))),
  'no stage has recorded a run yet');
}

function progress(p) {
  return el('span', {}, el('progress', {max: p.epochs, value: p.epoch}),
    ' epoch ' + p.epoch + '/' + p.epochs + ' loss ' + fixed(p.loss, 4));
}

// ---- kafka: lag, dead letters, bandwidth ------------------------------------------------------

function kafka(body) {
  table('lag-table', ['Group', 'State', 'Lag', 'Partitions', 'Most behind'],
    body.lag.map(g => el('tr', {}, el('td', {}, g.group), el('td', {}, g.state),
      el('td', {className: 'num' + (g.lag > 0 ? ' warn' : '')}, g.lag), el('td', {className: 'num'}, g.partitions),
      el('td', {}, g.worst ? g.worst + ' (' + g.worstLag + ')' : ''))),
    'no consumer group yet');
  const error = document.getElementById('lag-error');
  error.hidden = !body.lagError;
  error.textContent = body.lagError || '';
  table('dlq-table', ['Dead-letter topic', 'Records', 'Last'],
    Object.entries(body.deadLetters).filter(([, d]) => d.count > 0).map(([name, d]) =>
      el('tr', {className: 'clickable', 'data-dlq': name, onclick: () => deadLetters(name)},
        el('td', {}, name), el('td', {className: 'num bad'}, d.count), el('td', {}, time(d.lastAt)))),
    'no dead letters in ' + Object.keys(body.deadLetters).length + ' DLQs');
  table('bandwidth-table', ['Host', 'Priority', 'Active grants', 'kbit/s', 'Waiting', 'Requested', 'Granted',
    'Released', 'Bytes moved'],
  body.bandwidth.map(b => el('tr', {}, el('td', {}, b.host), el('td', {}, b.priority),
    el('td', {className: 'num'}, b.active), el('td', {className: 'num'}, b.activeKbps),
    el('td', {className: 'num'}, b.waiting), el('td', {className: 'num'}, b.requested),
    el('td', {className: 'num'}, b.granted), el('td', {className: 'num'}, b.released),
    el('td', {className: 'num'}, b.bytes.toLocaleString()))),
  'no bandwidth requested yet');
}

async function deadLetters(dlq) {
  const box = document.getElementById('dlq-records');
  box.hidden = false;
  box.replaceChildren(el('h3', {}, dlq), 'loading…');
  try {
    const letters = await getJson('api/dead-letters/' + dlq);
    box.replaceChildren(el('h3', {}, dlq + ' — newest first'), ...letters.map(d =>
      el('div', {className: 'letter', 'data-offset': d.offset},
        el('div', {}, el('b', {}, d.partition + '@' + d.offset), ' ' + time(d.at) + ' key ' + (d.key || '(none)')),
        el('table', {className: 'small headers'}, Object.entries(d.failure).map(([k, v]) =>
          el('tr', {}, el('th', {}, k), el('td', {}, v)))),
        d.otherHeaders.length ? el('div', {className: 'muted small'}, 'other headers: ' + d.otherHeaders.join(', ')) : null,
        el('pre', {}, d.value))));
  } catch (e) {
    box.replaceChildren(el('p', {className: 'error'}, e.message));
  }
}

// ---- signals ---------------------------------------------------------------------------------

function signals(body) {
  table('signal-table', ['Config', 'Urgency', 'Train?', 'Priority', 'New games', 'Stale (h)', 'Elo/h', 'Reason', 'From'],
    Object.entries(body.signals).map(([config, s]) => el('tr', {},
      el('td', {}, config), el('td', {}, s.urgency), el('td', {}, s.should_train ? 'yes' : 'no'),
      el('td', {className: 'num'}, fixed(s.priority, 1)), el('td', {className: 'num'}, s.new_games),
      el('td', {className: 'num'}, fixed(s.staleness_hours, 2)), el('td', {className: 'num'}, fixed(s.elo_trend_per_hour, 1)),
      el('td', {className: 'small'}, s.reason), el('td', {className: 'muted small'}, s.source === 'topic' ? 'state topic' : 'query'))),
    'no signal yet');
}

// ---- live tail and traces --------------------------------------------------------------------

function addTail(entries) {
  const fresh = entries.filter(e => e.seq > state.lastSeq);
  if (fresh.length === 0) return;
  state.lastSeq = fresh[fresh.length - 1].seq;
  state.tail.push(...fresh);
  if (state.tail.length > TAIL_KEPT) state.tail.splice(0, state.tail.length - TAIL_KEPT);
  const select = document.getElementById('filter-type');
  const types = new Set([...select.options].map(o => o.value));
  fresh.forEach(e => {
    if (!types.has(e.type)) {
      types.add(e.type);
      select.append(el('option', {value: e.type}, e.type));
    }
  });
  renderTailSoon();
}

// a busy loop sends many events a second: the table is drawn at most twice a second
let tailTimer = null;
function renderTailSoon() {
  if (tailTimer === null) {
    tailTimer = setTimeout(() => { tailTimer = null; renderTail(); }, 500);
  }
}

function renderTail() {
  const type = document.getElementById('filter-type').value;
  const config = document.getElementById('filter-config').value;
  const trace = document.getElementById('filter-trace').value.trim();
  const noise = document.getElementById('hide-noise').checked;
  let entries = state.tail;
  if (trace) {
    const seen = new Set(state.trace.map(e => e.eventId));
    entries = state.trace.concat(state.tail.filter(e => e.traceId === trace && !seen.has(e.eventId)));
  }
  const shown = entries.filter(e => (!type || e.type === type)
      && (!config || e.key === config || (e.key || '').startsWith(config + '/'))
      && (type || trace || !noise || !NOISE.includes(e.type)))
    .slice(-TAIL_SHOWN).reverse();
  table('tail-table', ['Time', 'Type', 'Key', 'What', 'Trace', 'Event', 'Cause'],
    shown.map(e => el('tr', {'data-type': e.type},
      el('td', {}, time(e.at)), el('td', {}, e.type), el('td', {}, e.key || ''),
      el('td', {className: 'small'}, e.summary), el('td', {}, traceLink(e.traceId)),
      el('td', {className: 'mono', title: e.eventId}, short(e.eventId)),
      el('td', {className: 'mono', title: e.causationId || ''}, short(e.causationId)))),
    trace ? 'no kept event of this trace' : 'no event yet');
}

async function followTrace(trace) {
  document.getElementById('filter-trace').value = trace;
  state.trace = [];
  renderTail();
  if (!trace) return;
  try {
    state.trace = await getJson('api/trace/' + encodeURIComponent(trace));
  } catch (e) {
    state.trace = [];
  }
  renderTail();
}

// ---- lineage ---------------------------------------------------------------------------------

async function showLineage(model) {
  document.getElementById('lineage-model').value = model;
  const box = document.getElementById('lineage-result');
  box.replaceChildren('loading…');
  try {
    const l = await getJson('api/lineage/' + encodeURIComponent(model));
    const row = s => el('tr', {'data-type': s.type}, el('td', {}, time(Date.parse(s.at))), el('td', {}, s.stage),
      el('td', {}, s.type), el('td', {className: 'small'}, s.via), el('td', {className: 'small'}, s.summary),
      el('td', {className: 'mono', title: s.eventId}, short(s.eventId)), el('td', {}, traceLink(s.traceId)));
    const head = () => el('tr', {}, ['Time', 'Stage', 'Event', 'Linked by', 'What', 'Event', 'Trace'].map(h => el('th', {}, h)));
    box.replaceChildren(
      el('p', {}, el('b', {}, l.model), ' of ' + l.config + ': ' + l.outcome),
      el('table', {className: 'lineage'}, head(), l.steps.map(row)),
      l.sameTrace.length ? el('details', {}, el('summary', {}, l.sameTrace.length + ' more events of the same traces'),
        el('table', {}, head(), l.sameTrace.map(row))) : null);
  } catch (e) {
    box.replaceChildren(el('p', {className: 'error'}, e.message));
  }
}

// ---- wiring ----------------------------------------------------------------------------------

['filter-type', 'filter-config', 'hide-noise'].forEach(id =>
  document.getElementById(id).addEventListener('change', renderTail));
document.getElementById('filter-trace').addEventListener('change', e => followTrace(e.target.value.trim()));
document.getElementById('clear-trace').addEventListener('click', () => {
  document.getElementById('filter-trace').value = '';
  state.trace = [];
  renderTail();
});
document.getElementById('lineage-form').addEventListener('submit', e => {
  e.preventDefault();
  const model = document.getElementById('lineage-model').value.trim();
  if (model) showLineage(model);
});
setInterval(countdown, 1000);
connect();
