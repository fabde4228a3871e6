/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room's phone page (issue 14): joins the room, follows its state
 * (EventSource on /KEY/events), sends friction points during the Walk and
 * dots during Prioritise. The page's texts come from /KEY/strings, in the
 * coach's language; every text here is set with textContent, never as HTML.
 * Nothing typed is lost: a friction point stays in its box (and in
 * localStorage) until the room has taken it, and is sent again by itself
 * once the connection is back. */
'use strict';

(function () {
  const MAX_TEXT = 2000;
  const base = location.pathname.replace(/[^/]*$/, '');
  const key = base.split('/').filter(Boolean)[0] || '';
  const deviceKey = 'staple-device-' + key;
  const draftKey = 'staple-draft-' + key;
  const participantKey = 'staple-participant-' + key;

  const store = {
    get (name) {
      try { return window.localStorage.getItem(name); } catch (e) { return null; }
    },
    set (name, value) {
      try {
        if (value === null || value === '')
          window.localStorage.removeItem(name);
        else
          window.localStorage.setItem(name, value);
      } catch (e) { /* private browsing: the page still works, it forgets on reload */ }
    },
  };

  const $ = (id) => document.getElementById(id);

  let strings = null;
  let numbers = null;
  let device = store.get(deviceKey);
  let state = null;
  let source = null;
  let joining = null;
  let reconnecting = false;
  let failures = 0;

  /* ---- Texts ---- */

  function has (id) {
    return strings !== null && typeof strings[id] === 'string';
  }

  function t (id, args) {
    if (!has(id)) {
      console.error('staple-room: no text for ' + id);
      return '';
    }
    let text = strings[id];
    /* A name is set apart (first strong isolate … pop directional isolate),
     * so that an Arabic name in an English sentence, or the reverse, keeps
     * both in their order. */
    if (args)
      text = text.replace(/\{(\w+)\}/g, (whole, name) =>
        !Object.prototype.hasOwnProperty.call(args, name) ? whole
          : name === 'name' ? '\u2068' + args[name] + '\u2069' : String(args[name]));
    return text;
  }

  function num (n) {
    return numbers ? numbers.format(n) : String(n);
  }

  function applyStrings () {
    const lang = has('lang') ? strings.lang : '';
    document.documentElement.lang = lang;
    document.documentElement.dir = strings.dir === 'rtl' ? 'rtl' : 'ltr';
    try { numbers = new Intl.NumberFormat(lang || undefined); } catch (e) { numbers = new Intl.NumberFormat(); }
    for (const element of document.querySelectorAll('[data-text]'))
      element.textContent = t(element.dataset.text);
    $('walk-text').placeholder = t('walk.placeholder');
    document.title = t('page.title');
  }

  async function loadStrings () {
    for (;;) {
      try {
        const response = await fetch(base + 'strings', { cache: 'no-store' });
        if (response.ok) {
          const data = await response.json();
          if (data && typeof data === 'object') {
            strings = data;
            return;
          }
        }
      } catch (e) { /* offline: try again */ }
      await sleep(backoff());
    }
  }

  /* ---- Network ---- */

  function sleep (ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /* 1 s, 2 s, 4 s … up to 15 s between tries, a little random so that a
   * room of phones that lost the Wi-Fi together does not come back at once. */
  function backoff () {
    const delay = Math.min(15000, 1000 * Math.pow(2, failures));
    failures = Math.min(failures + 1, 6);
    return delay * (0.75 + Math.random() * 0.5);
  }

  async function post (path, body) {
    let response;
    try {
      response = await fetch(base + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      return { ok: false, network: true };
    }
    /* Whatever it says, the room answered. */
    if (statusNow === 'offline' && response.status !== 404)
      showStatus('live');
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    const code = data && typeof data.error === 'string' ? data.error : null;
    return { ok: response.ok, status: response.status, code, data };
  }

  function join () {
    if (joining)
      return joining;
    joining = (async () => {
      for (;;) {
        const result = await post('join', device ? { device } : {});
        if (result.ok && result.data && typeof result.data.device === 'string') {
          device = result.data.device;
          store.set(deviceKey, device);
          return device;
        }
        if (result.status === 400 && device) {
          /* A token the room cannot read: start afresh. */
          device = null;
          continue;
        }
        showStatus(result.network ? 'offline' : result.status === 404 ? 'closed'
                   : result.status === 429 ? 'full' : 'offline');
        await sleep(backoff());
      }
    })();
    joining.finally(() => { joining = null; });
    return joining;
  }

  /* Posts what @makeBody makes (with the device token it is given); if the
   * room no longer knows this phone, joins again and tries once more. */
  async function postAsDevice (path, makeBody) {
    if (!device)
      await join();
    let result = await post(path, makeBody(device));
    if (!result.ok && result.code === 'unknown-device') {
      await join();
      result = await post(path, makeBody(device));
    }
    return result;
  }

  function connect () {
    if (source)
      source.close();
    source = new EventSource(base + 'events?device=' + encodeURIComponent(device));
    source.addEventListener('state', (event) => {
      let next;
      try { next = JSON.parse(event.data); } catch (e) { return; }
      if (!next || typeof next !== 'object')
        return;
      failures = 0;
      showStatus('live');
      onState(next);
    });
    source.addEventListener('error', () => {
      if (source && source.readyState === EventSource.CLOSED) {
        /* Refused (the room forgot this phone, or closed): join again. */
        source.close();
        source = null;
        showStatus('offline');
        reconnect();
      } else {
        /* The browser tries again by itself. */
        showStatus('offline');
      }
    });
  }

  async function reconnect () {
    if (reconnecting)
      return;
    reconnecting = true;
    try {
      await sleep(backoff());
      await join();
      connect();
    } finally {
      reconnecting = false;
    }
  }

  /* A write found no room: the event stream may be dead without knowing it
   * (a phone that changed networks keeps a silent socket for minutes), so it
   * is opened afresh, and what failed is tried again after a while even if
   * no event comes. */
  let retryTimer = 0;

  function lostConnection () {
    showStatus('offline');
    if (device && !reconnecting) {
      if (source)
        source.close();
      connect();
    }
    if (!retryTimer)
      retryTimer = setTimeout(() => {
        retryTimer = 0;
        retryPending();
      }, backoff());
  }

  function wake () {
    if (!strings || !device)
      return;
    if (!source || source.readyState === EventSource.CLOSED) {
      failures = 0;
      reconnect();
    }
    retryPending();
  }

  /* ---- Status ---- */

  let statusNow = null;

  function showStatus (what) {
    if (what === statusNow)
      return;
    statusNow = what;
    const status = $('status');
    status.dataset.state = what || '';
    if (what === 'live' || what === null) {
      status.hidden = true;
      return;
    }
    $('status-text').textContent = t({ joining: 'status.joining', offline: 'status.offline',
                                       closed: 'status.closed', full: 'status.full' }[what]);
    status.hidden = false;
  }

  function showMessage (id, text, kind) {
    const message = $(id);
    message.textContent = text || '';
    message.dataset.kind = kind || '';
    message.hidden = !text;
  }

  function errorText (result) {
    if (result.network)
      return t('status.offline');
    if (result.status === 404)
      return t('error.closed');
    switch (result.code) {
    case 'bad-json': case 'bad-utf8': case 'bad-field':
      return t('error.bad-request');
    case 'too-large': case 'too-long':
      return t('error.too-long', { max: num(MAX_TEXT) });
    case 'unknown-device': case 'wrong-phase': case 'taken': case 'empty':
    case 'too-many-dots': case 'unknown-id': case 'slow-down':
      return t('error.' + result.code);
    default:
      return t('error.other', { code: result.code || String(result.status) });
    }
  }

  /* ---- State ---- */

  function onState (next) {
    state = next;
    $('loading').hidden = true;
    $('main').hidden = false;

    const title = typeof state.title === 'string' ? state.title : '';
    $('title').textContent = title;
    document.title = title || t('page.title');

    const phase = typeof state.phase === 'string' ? state.phase : '';
    $('phase-name').textContent = typeof state.phase_name === 'string' && state.phase_name
      ? state.phase_name : (has('phase.' + phase) ? t('phase.' + phase) : '');
    const stage = state.stage && typeof state.stage.name === 'string' ? state.stage : null;
    /* The current stage is the Walk's: elsewhere it would only confuse. */
    $('stage-box').hidden = !stage || phase !== 'walk';
    $('stage-name').textContent = stage ? stage.name : '';

    const voting = state.voting && typeof state.voting === 'object' ? state.voting : null;
    $('walk').hidden = phase !== 'walk';
    $('vote').hidden = !voting;
    $('other').hidden = phase === 'walk' || !!voting;
    if (phase === 'walk')
      renderWalk();
    else if (voting)
      renderVote(voting);
    else
      $('other-about').textContent = has('phase.' + phase + '.about') ? t('phase.' + phase + '.about') : '';
    retryPending();
  }

  /* ---- Walk ---- */

  const walk = {
    sending: false,
    retry: false,        /* send again once the room answers */
    stageCurrent: undefined,
    stagesShown: '',
  };

  function textLength (text) {
    return Array.from(text.trim()).length;
  }

  function updateCount () {
    const n = textLength($('walk-text').value);
    const count = $('walk-count');
    count.textContent = t('walk.count', { n: num(n), max: num(MAX_TEXT) });
    count.classList.toggle('over', n > MAX_TEXT);
  }

  function renderWalk () {
    const stages = Array.isArray(state.stages) ? state.stages : [];
    const select = $('walk-stage');
    const current = state.stage ? state.stage.id : null;
    const shown = JSON.stringify(stages.map((s) => [s.id, s.name]));

    if (shown !== walk.stagesShown) {
      const chosen = select.value;
      select.replaceChildren();
      for (const stage of stages) {
        const option = document.createElement('option');
        option.value = String(stage.id);
        option.textContent = stage.name;
        option.dir = 'auto';
        select.append(option);
      }
      if (stages.some((s) => String(s.id) === chosen))
        select.value = chosen;
      else if (current !== null)
        select.value = String(current);
      walk.stagesShown = shown;
    }
    /* The picker follows the room's stage, unless the box holds a text
     * written for the stage picked. */
    if (current !== walk.stageCurrent) {
      if (current !== null && ($('walk-text').value.trim() === '' || walk.stageCurrent === undefined))
        select.value = String(current);
      walk.stageCurrent = current;
    }

    const none = stages.length === 0;
    $('walk-stage').disabled = none;
    $('walk-send').disabled = none || walk.sending;
    if (none)
      showMessage('walk-message', t('walk.no_stage'), 'info');
    else if ($('walk-message').dataset.kind === 'info')
      showMessage('walk-message', '');
    const sent = Number(state.sent) || 0;
    $('walk-sent').textContent = sent > 0 ? t('walk.sent_count', { n: num(sent) }) : '';
  }

  async function sendFriction () {
    const box = $('walk-text');
    const text = box.value.trim();
    const stage = Number($('walk-stage').value);

    if (walk.sending)
      return;
    if (text === '') {
      walk.retry = false;
      showMessage('walk-message', t('error.empty'), 'error');
      box.focus();
      return;
    }
    if (textLength(text) > MAX_TEXT) {
      walk.retry = false;
      showMessage('walk-message', t('error.too-long', { max: num(MAX_TEXT) }), 'error');
      return;
    }
    walk.sending = true;
    walk.retry = false;
    const button = $('walk-send');
    button.disabled = true;
    button.textContent = t('walk.sending');
    const result = await postAsDevice('friction', (token) => ({ device: token, stage, text }));
    walk.sending = false;
    button.disabled = !state || !Array.isArray(state.stages) || state.stages.length === 0;
    button.textContent = t('walk.send');

    if (result.ok) {
      /* Only what was sent leaves the box: not what was typed meanwhile. */
      if (box.value.trim() === text)
        box.value = '';
      saveDraft();
      updateCount();
      showMessage('walk-message', t('walk.sent'), 'success');
    } else if (result.network || result.status >= 500) {
      walk.retry = true;
      showMessage('walk-message', t('walk.kept'), 'error');
      lostConnection();
    } else if (result.code === 'slow-down') {
      showMessage('walk-message', t('error.slow-down'), 'error');
      setTimeout(sendFriction, 5000);
    } else {
      showMessage('walk-message', errorText(result), 'error');
    }
  }

  function saveDraft () {
    store.set(draftKey, $('walk-text').value);
  }

  /* ---- Prioritise ---- */

  const vote = {
    ballot: [],
    dirty: false,        /* changed here since the room last said what it holds */
    sending: false,
    retry: false,
    sent: false,         /* sent from this page at least once */
    noneLeft: false,     /* a tap found no dot left to give */
    participant: Number(store.get(participantKey)) || null,
    picking: false,
    rows: new Map(),
  };

  function countOf (id) {
    return vote.ballot.filter((x) => x === id).length;
  }

  function sameBallot (a, b) {
    const x = a.slice().sort((p, q) => p - q);
    const y = b.slice().sort((p, q) => p - q);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }

  function renderVote (v) {
    const frictions = Array.isArray(v.frictions) ? v.frictions : [];
    const ids = new Set(frictions.map((f) => f.id));
    const mine = Array.isArray(v.mine) ? v.mine : [];
    const dots = Number(v.dots) || 0;
    const participants = Array.isArray(v.participants) ? v.participants : [];

    if (!vote.dirty)
      vote.ballot = mine.slice();
    vote.ballot = vote.ballot.filter((id) => ids.has(id)).slice(0, dots);

    if (v.me !== null && v.me !== undefined && !vote.picking)
      vote.participant = v.me;
    if (vote.participant !== null && !participants.some((p) => p.id === vote.participant))
      vote.participant = null;

    const needName = !v.anonymous && vote.participant === null;
    $('vote-closed').hidden = !!v.open;
    $('vote-who').hidden = !v.open || !(needName || vote.picking) || v.anonymous;
    $('vote-ballot').hidden = !$('vote-who').hidden && v.open;
    if (!$('vote-who').hidden)
      renderNames(participants);

    if (v.anonymous) {
      $('vote-as').textContent = t('vote.anonymous');
      $('vote-change').hidden = true;
    } else {
      const me = participants.find((p) => p.id === vote.participant);
      $('vote-as').textContent = me ? t('vote.as', { name: me.name }) : '';
      $('vote-change').hidden = !me || !v.open;
    }

    const left = Math.max(0, dots - vote.ballot.length);
    $('vote-left').textContent = t('vote.left', { n: num(left), max: num(dots) });
    const row = $('vote-left-dots');
    row.replaceChildren();
    for (let i = 0; i < dots; i++) {
      const dot = document.createElement('span');
      /* Filled: a dot still to give; a ring: one given. */
      dot.className = i < left ? 'dot left' : 'dot';
      row.append(dot);
    }
    $('vote-left-box').hidden = !v.open;
    $('vote-left-box').classList.toggle('none', left === 0 && vote.noneLeft);

    renderFrictions(frictions, v);
    $('vote-empty').hidden = frictions.length > 0;

    const send = $('vote-send');
    send.hidden = !v.open;
    send.disabled = vote.sending || frictions.length === 0;
    if (!vote.sending)
      send.textContent = t('vote.send');
    if (vote.noneLeft && left === 0)
      showMessage('vote-message', t('vote.none_left'), 'info');
    else if (vote.dirty && (mine.length > 0 || vote.sent) && !sameBallot(vote.ballot, mine) &&
             !vote.sending && !vote.retry)
      showMessage('vote-message', t('vote.unsent'), 'info');
    else if ($('vote-message').dataset.kind === 'info')
      showMessage('vote-message', '');
  }

  function renderNames (participants) {
    const names = $('vote-names');
    names.replaceChildren();
    for (const p of participants) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button name';
      button.dir = 'auto';
      button.textContent = p.name;
      if (p.id === vote.participant)
        button.classList.add('chosen');
      button.addEventListener('click', () => pickName(p.id));
      names.append(button);
    }
  }

  function makeRow (id) {
    const item = document.createElement('li');
    item.className = 'friction';
    const main = document.createElement('button');
    main.type = 'button';
    main.className = 'friction-main';
    const text = document.createElement('span');
    text.className = 'friction-text';
    text.dir = 'auto';
    const meta = document.createElement('span');
    meta.className = 'friction-meta';
    const marks = document.createElement('span');
    marks.className = 'friction-marks';
    const mine = document.createElement('span');
    mine.className = 'dot-row mine';
    const total = document.createElement('span');
    total.className = 'total';
    marks.append(mine, total);
    main.append(text, meta, marks);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'friction-remove';
    remove.textContent = '\u2212';
    main.addEventListener('click', () => tapFriction(id));
    remove.addEventListener('click', () => removeDot(id));
    item.append(main, remove);
    return { item, main, text, meta, mine, total, remove };
  }

  function renderFrictions (frictions, v) {
    const list = $('vote-list');
    const seen = new Set();
    const left = Math.max(0, (Number(v.dots) || 0) - vote.ballot.length);
    let order = [];

    for (const f of frictions) {
      if (typeof f.id !== 'number' || seen.has(f.id))
        continue;
      seen.add(f.id);
      let row = vote.rows.get(f.id);
      if (!row) {
        row = makeRow(f.id);
        vote.rows.set(f.id, row);
      }
      const name = typeof f.text === 'string' ? f.text : '';
      const count = countOf(f.id);
      row.text.textContent = name;
      /* The stage's name as written (in its own direction), then the kind
       * in the page's language. */
      const kind = typeof f.kind === 'string' && has('kind.' + f.kind) ? t('kind.' + f.kind) : '';
      const parts = [];
      if (typeof f.stage === 'string' && f.stage) {
        const stage = document.createElement('bdi');
        stage.textContent = f.stage;
        parts.push(stage);
      }
      if (kind)
        parts.push(kind);
      row.meta.replaceChildren(...parts.flatMap((part, i) => i > 0 ? [' · ', part] : [part]));
      row.mine.replaceChildren();
      for (let i = 0; i < count; i++) {
        const dot = document.createElement('span');
        dot.className = 'dot used';
        row.mine.append(dot);
      }
      row.mine.setAttribute('aria-label', t('vote.mine', { n: num(count) }));
      row.mine.setAttribute('role', 'img');
      row.mine.hidden = count === 0;
      const totals = v.totals && typeof v.totals === 'object' ? v.totals : null;
      row.total.hidden = !totals;
      row.total.textContent = totals ? t('vote.total', { n: num(Number(totals[String(f.id)]) || 0) }) : '';
      row.item.classList.toggle('has-dots', count > 0);
      row.main.disabled = !v.open;
      row.main.setAttribute('aria-label', [t('vote.add', { name }),
        count > 0 ? t('vote.mine', { n: num(count) }) : '', row.total.hidden ? '' : row.total.textContent]
        .filter(Boolean).join('. '));
      row.remove.hidden = count === 0 || !v.open;
      row.remove.setAttribute('aria-label', t('vote.remove', { name }));
      order.push(row.item);
    }
    for (const [id, row] of vote.rows) {
      if (!seen.has(id)) {
        row.item.remove();
        vote.rows.delete(id);
      }
    }
    /* Moved only when the order changed, so the focus stays put. */
    const now = Array.from(list.children);
    if (now.length !== order.length || now.some((item, i) => item !== order[i]))
      list.replaceChildren(...order);
  }

  function tapFriction (id) {
    const v = state && state.voting;
    if (!v || !v.open)
      return;
    vote.noneLeft = false;
    if (vote.ballot.length < v.dots)
      vote.ballot.push(id);
    else if (countOf(id) > 0)
      vote.ballot.splice(vote.ballot.lastIndexOf(id), 1);
    else
      vote.noneLeft = true;
    vote.dirty = vote.dirty || !vote.noneLeft;
    renderVote(v);
  }

  function removeDot (id) {
    const v = state && state.voting;
    const at = vote.ballot.lastIndexOf(id);
    if (!v || !v.open || at < 0)
      return;
    vote.ballot.splice(at, 1);
    vote.dirty = true;
    vote.noneLeft = false;
    renderVote(v);
    /* The − button hides with the last dot: keep the focus on the row. */
    const row = vote.rows.get(id);
    if (row && row.remove.hidden && document.activeElement === document.body)
      row.main.focus();
  }

  async function pickName (id) {
    const v = state && state.voting;
    if (!v)
      return;
    vote.participant = id;
    vote.picking = false;
    store.set(participantKey, String(id));
    renderVote(v);
    /* Claimed at once, with the dots the room already holds for this
     * phone, so that a name taken by another phone shows now. */
    const result = await postAsDevice('vote', (token) => ({
      device: token, participant: id, frictions: Array.isArray(v.mine) ? v.mine : [] }));
    if (!result.ok && result.code === 'taken') {
      vote.participant = null;
      store.set(participantKey, null);
      renderVote(state.voting || v);
      showMessage('vote-message', t('error.taken'), 'error');
    } else if (!result.ok && !result.network) {
      showMessage('vote-message', errorText(result), 'error');
    }
  }

  async function sendVote () {
    const v = state && state.voting;
    if (!v || vote.sending)
      return;
    vote.retry = false;
    if (!v.anonymous && vote.participant === null) {
      vote.picking = true;
      renderVote(v);
      return;
    }
    const ballot = vote.ballot.slice();
    vote.sending = true;
    $('vote-send').disabled = true;
    $('vote-send').textContent = t('vote.sending');
    const result = await postAsDevice('vote', (token) => ({
      device: token, participant: v.anonymous ? null : vote.participant, frictions: ballot }));
    vote.sending = false;

    if (result.ok) {
      if (sameBallot(ballot, vote.ballot))
        vote.dirty = false;
      state.voting.mine = ballot;
      vote.sent = true;
      showMessage('vote-message', t('vote.sent'), 'success');
    } else if (result.network || result.status >= 500) {
      vote.retry = true;
      showMessage('vote-message', t('status.offline'), 'error');
      lostConnection();
    } else if (result.code === 'slow-down') {
      showMessage('vote-message', t('error.slow-down'), 'error');
      setTimeout(sendVote, 5000);
    } else {
      if (result.code === 'taken') {
        vote.participant = null;
        store.set(participantKey, null);
      }
      showMessage('vote-message', errorText(result), 'error');
    }
    if (state.voting)
      renderVote(state.voting);
  }

  /* What failed for want of a connection goes again once the room answers. */
  function retryPending () {
    if (walk.retry && !walk.sending && state && state.phase === 'walk')
      sendFriction();
    if (vote.retry && !vote.sending && state && state.voting)
      sendVote();
  }

  /* ---- Start ---- */

  function wire () {
    const box = $('walk-text');
    box.value = store.get(draftKey) || '';
    box.addEventListener('input', () => {
      saveDraft();
      updateCount();
      if ($('walk-message').dataset.kind !== 'info' && !walk.retry)
        showMessage('walk-message', '');
    });
    $('walk-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sendFriction();
    });
    $('vote-send').addEventListener('click', sendVote);
    $('vote-change').addEventListener('click', () => {
      vote.picking = true;
      if (state && state.voting)
        renderVote(state.voting);
    });
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible')
        wake();
    });
    updateCount();
  }

  async function start () {
    /* Shown only with JavaScript: without, the page says it needs it. */
    $('loading').hidden = false;
    await loadStrings();
    applyStrings();
    wire();
    showStatus('joining');
    await join();
    connect();
  }

  start();
})();
