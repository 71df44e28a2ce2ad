// The host's console: the queue, who is on air, the AI voices in the studio, live transcripts, today's calls and
// voicemail, all kept current by the show's Server-Sent Events (GET /api/show/events); every button is a request to
// /api/show (or /api/personas). Plain ES modules, no build step.
import { HostAudio } from './audio.js';

const $ = (id) => document.getElementById(id);
const state = { queue: [], show: null, selected: null, transcripts: new Map(), names: new Map(),
  onAirSince: new Map(), personas: [], answering: null };
let audio = null;

/** A request to the show's API (/api/show…). */
function api(method, path, body) {
  return request(method, `/api/show${path}`, body);
}

async function request(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    toast(json.error || `${method} ${path}: ${response.status}`);
    throw new Error(json.error);
  }
  return json;
}

function toast(message) {
  const t = $('toast');
  t.textContent = message;
  t.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('shown'), 5000);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function minutes(seconds) {
  const m = Math.floor(seconds / 60);
  const s = Math.floor(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

function waited(call) {
  return Math.max(0, (Date.now() - Date.parse(call.enqueuedAt)) / 1000);
}

// ---- the queue ----

function renderQueue() {
  const list = $('queue');
  const waiting = state.queue.filter((c) => c.status !== 'on-air');
  list.replaceChildren(...waiting.map(queueRow));
  $('queue-empty').hidden = waiting.length > 0;
  $('queue-count').textContent = waiting.length ? `(${waiting.length})` : '';
  if (state.selected && !waiting.some((c) => c.callSid === state.selected)) {
    state.selected = waiting[0]?.callSid ?? null;
  }
  if (!state.selected && waiting.length) {
    state.selected = waiting[0].callSid;
  }
  markSelected();
  renderOnAir();
}

function queueRow(call) {
  state.names.set(call.callSid, call.displayName);
  const summary = call.caller?.lastSummary;
  return el('li', { class: `caller ${call.status}`, 'data-sid': call.callSid, tabindex: 0,
      onclick: () => select(call.callSid) },
    el('div', { class: 'line1' },
      el('span', { class: 'position' }, call.position ? `#${call.position}` : '–'),
      el('strong', { class: 'name' }, call.displayName),
      call.caller?.returning ? el('span', { class: 'badge returning', title: summary || 'has called before' },
        'returning') : null,
      el('span', { class: `badge status-${call.status}` }, call.status),
      call.priority ? el('span', { class: 'badge' }, `priority ${call.priority}`) : null,
      el('span', { class: 'wait', 'data-since': call.enqueuedAt }, minutes(waited(call)))),
    el('div', { class: 'line2' },
      el('span', { class: 'number' }, call.from || ''),
      el('span', { class: 'topic' }, call.topic ? `“${call.topic}”` : (call.status === 'screening' ? 'screening…' : 'no topic'))),
    summary ? el('div', { class: 'summary' }, `Last call: ${summary}`) : null,
    call.notes ? el('div', { class: 'notes' }, call.notes) : null,
    el('div', { class: 'actions' },
      button('Take', 'take', call, 'primary'),
      button('Voicemail', 'voicemail', call),
      button('Edit', 'edit', call),
      button('Drop', 'drop', call, 'danger'),
      button('Block', 'block', call, 'danger')));
}

function button(label, action, call, kind = '') {
  return el('button', { class: kind, 'data-action': action,
      onclick: (e) => { e.stopPropagation(); act(action, call.callSid); } }, label);
}

function select(callSid) {
  state.selected = callSid;
  markSelected();
}

function markSelected() {
  for (const li of $('queue').children) {
    li.classList.toggle('selected', li.dataset.sid === state.selected);
    li.setAttribute('aria-selected', li.dataset.sid === state.selected);
  }
}

async function act(action, callSid) {
  if (!callSid) return;
  const name = state.names.get(callSid) || callSid;
  if ((action === 'drop' || action === 'block') && !confirm(`${action === 'drop' ? 'Drop' : 'Block and drop'} ${name}?`)) {
    return;
  }
  if (action === 'edit') {
    return edit(callSid);
  }
  await api('POST', `/queue/${callSid}/${action}`);
}

async function edit(callSid) {
  const call = state.queue.find((c) => c.callSid === callSid);
  if (!call) return;
  const dialog = $('edit');
  const form = dialog.querySelector('form');
  form.name.value = call.name || '';
  form.topic.value = call.topic || '';
  form.priority.value = call.priority || 0;
  form.notes.value = call.notes || '';
  dialog.showModal();
  dialog.onclose = async () => {
    if (dialog.returnValue !== 'save') return;
    await api('PATCH', `/queue/${callSid}`, { name: form.name.value, topic: form.topic.value,
      notes: form.notes.value, priority: Number(form.priority.value) || 0 });
  };
}

// ---- on air ----

function renderOnAir() {
  const onAir = state.queue.filter((c) => c.status === 'on-air');
  for (const sid of [...state.onAirSince.keys()]) {
    if (!onAir.some((c) => c.callSid === sid)) state.onAirSince.delete(sid);
  }
  for (const c of onAir) {
    if (!state.onAirSince.has(c.callSid)) state.onAirSince.set(c.callSid, Date.now());
  }
  $('on-air-list').replaceChildren(...onAir.map((call) => el('li', { class: 'caller on-air', 'data-sid': call.callSid },
    el('div', { class: 'line1' },
      el('strong', {}, call.displayName),
      el('span', { class: 'topic' }, call.topic ? `“${call.topic}”` : ''),
      el('span', { class: 'timer', 'data-since': state.onAirSince.get(call.callSid), title: 'time on air' },
        minutes((Date.now() - state.onAirSince.get(call.callSid)) / 1000))),
    el('div', { class: 'actions' },
      el('button', { onclick: () => api('POST', `/queue/${call.callSid}/hold`) }, 'Hold'),
      el('button', { onclick: () => act('voicemail', call.callSid) }, 'Voicemail'),
      el('button', { class: 'danger', onclick: () => act('drop', call.callSid) }, 'Drop')))));
  $('air-empty').hidden = onAir.length > 0;
}

function renderShow(show) {
  state.show = show;
  const onAir = $('on-air');
  onAir.textContent = show.onAir ? 'On air' : 'Off air';
  onAir.setAttribute('aria-pressed', show.onAir);
  onAir.classList.toggle('live', show.onAir);
  renderPersonas();
  renderFollowUp();
  const run = show.show;
  $('show-start').hidden = !!run;
  $('show-end').hidden = !run;
  $('show-title').textContent = run ? `${run.title} · since ${new Date(run.startedAt).toLocaleTimeString()}` : '';
  if ((run && run.id) !== state.showId) {
    state.showId = run && run.id;
    loadShows().catch(() => {});
  }
}

// ---- shows ----

async function loadShows() {
  const { shows } = await request('GET', '/api/shows?limit=5');
  $('shows').replaceChildren(...shows.map((s) => el('li', {},
    el('strong', {}, s.title), ` · ${new Date(s.startedAt).toLocaleString()}${s.running ? ' · on now' : ''} · `,
    el('a', { href: `/api/shows/${s.id}/transcript?format=markdown` }, 'transcript'), ' · ',
    el('a', { href: `/api/shows/${s.id}/transcript?format=vtt` }, 'captions'), ' · ',
    el('a', { href: `/api/shows/${s.id}/recording` }, 'recording'))));
}

function startShow() {
  const title = prompt('The show\'s title', `Call-in show, ${new Date().toLocaleDateString()}`);
  if (title !== null) request('POST', '/api/shows', { title }).then(() => api('GET', '')).then(renderShow)
    .catch(() => {});
}

function endShow() {
  const run = state.show && state.show.show;
  if (run && confirm(`End "${run.title}"?`)) {
    request('POST', `/api/shows/${run.id}/end`).then(() => api('GET', '')).then(renderShow).catch(() => {});
  }
}

// ---- the AI voices ----

async function loadPersonas() {
  const { personas } = await request('GET', '/api/personas');
  state.personas = personas;
  renderPersonas();
}

function inStudio(persona) {
  const ai = state.show && state.show.ai;
  return ai ? ai.personas.some((p) => p.id === persona.id) : persona.inStudio;
}

function renderPersonas() {
  const speaking = state.show && state.show.ai && state.show.ai.speaking;
  const present = state.personas.filter(inStudio);
  if (!present.some((p) => p.id === state.answering)) {
    const coHost = present.find((p) => p.role === 'co-host') || present[0];
    state.answering = coHost ? coHost.id : null;
  }
  $('personas').replaceChildren(...state.personas.map((p) => {
    const here = inStudio(p);
    return el('li', { class: `persona-item${here ? ' here' : ''}${speaking === p.name ? ' speaking' : ''}` },
      el('label', { class: 'line1', title: here ? 'answers when you press AI respond' : 'not in the studio' },
        el('input', { type: 'radio', name: 'answering', value: p.id, disabled: !here,
          checked: here && state.answering === p.id, onchange: () => { state.answering = p.id; } }),
        el('strong', {}, p.name), el('span', { class: 'role' }, p.role),
        speaking === p.name ? el('span', { class: 'badge live' }, 'speaking') : null),
      el('button', { 'aria-pressed': String(here), title: here ? 'Take out of the studio' : 'Bring into the studio',
        onclick: () => request(here ? 'DELETE' : 'PUT', `/api/show/ai/personas/${p.id}`).then(loadPersonas) },
        here ? 'In studio' : 'Bring in'));
  }));
  $('ai-respond').disabled = !present.length;
  const auto = state.show && state.show.ai && state.show.ai.mode === 'auto';
  $('ai-mode').textContent = auto ? 'Auto' : 'Manual';
  $('ai-mode').setAttribute('aria-pressed', auto);
  $('ai-mode').classList.toggle('auto', auto);
  $('personas-empty').hidden = state.personas.length > 0;
}

// ---- follow-ups ----

async function loadEarlier() {
  const { segments, followUps } = await api('GET', '/followup');
  state.segments = segments;
  const done = new Map(followUps.filter((f) => f.persona).map((f) => [f.callSid, f.persona]));
  $('earlier').replaceChildren(...segments.map((s) => el('li', { 'data-call': s.callSid },
    el('strong', {}, s.caller), s.topic ? ` · ${s.topic}` : '',
    done.has(s.callSid) ? el('span', { class: 'role' }, ` · ${done.get(s.callSid)} followed up`) : null,
    el('button', { title: `An AI caller phones in about ${s.caller}`, onclick: () => followUp(s.callSid) },
      'Follow up'),
    el('div', { class: 'summary' }, s.summary))));
  $('earlier-empty').hidden = segments.length > 0;
  $('earlier').scrollTop = $('earlier').scrollHeight; // the latest in view
  $('followup').disabled = segments.length === 0;
}

function renderFollowUp() {
  const f = state.show && state.show.ai && state.show.ai.followUp;
  if (!f) return;
  $('followup-auto').checked = f.auto;
  if (document.activeElement !== $('followup-delay')) $('followup-delay').value = f.delaySeconds;
  if (f.segments !== (state.segments || []).length || f.made !== state.followUpsMade) {
    state.followUpsMade = f.made;
    loadEarlier().catch(() => {});
  }
}

function followUp(callSid) {
  if (!(state.segments || []).length) {
    toast('Nobody has left the air yet: there is nothing to follow up');
    return;
  }
  api('POST', '/followup', callSid ? { callSid } : undefined)
    .then((f) => toast(`${f.persona} phones in about ${f.caller}`)).catch(() => {});
}

function setAutoFollowUp() {
  const delaySeconds = Math.max(0, Math.min(3600, Number($('followup-delay').value) || 0));
  api('PUT', '/followup', { auto: $('followup-auto').checked, delaySeconds }).catch(() => {});
}

function toggleMode() {
  const auto = state.show && state.show.ai && state.show.ai.mode === 'auto';
  api('PUT', '/ai/mode', { mode: auto ? 'manual' : 'auto' }).catch(() => {});
}

/** A person's turn has its mood: shown beside the line. */
function mood(m) {
  const line = document.querySelector(`#transcript [data-seq="${m.seq}"]`);
  if (line && !line.querySelector('.mood')) {
    line.querySelector('.speaker').after(el('span', { class: `mood mood-${m.mood}`, title: 'how they sound' }, m.mood));
  }
}

function respond() {
  if (state.answering === null) {
    toast('Bring an AI voice into the studio first');
    return;
  }
  api('POST', '/ai/respond', { persona: state.answering }).catch(() => {});
}

// ---- transcripts ----

/** Who said it: the caller's name once the console knows it; the screener's lines say whom they were to. */
function speakerOf(line) {
  const name = line.callSid && state.names.get(line.callSid);
  if (line.speaker === 'Screener') return name ? `Screener → ${name}` : 'Screener';
  return line.speaker === 'Caller' && name ? name : line.speaker;
}

function transcript(line) {
  const box = $('transcript');
  const key = line.key || line.callSid;
  let partial = state.transcripts.get(key);
  if (!partial) {
    partial = el('p', { class: 'partial' });
    state.transcripts.set(key, partial);
  }
  if (line.final) {
    const kind = line.speaker === 'Screener' ? 'screener' : (line.kind || 'said');
    const p = el('p', { class: `said kind-${kind}${line.interrupted ? ' cut' : ''}`, 'data-seq': line.seq },
      el('span', { class: 'speaker' }, `${speakerOf(line)}: `), line.text,
      line.interrupted ? el('span', { class: 'cut-mark', title: 'cut off: somebody spoke over it' }, ' —') : null);
    partial.remove();
    state.transcripts.delete(key);
    box.append(p);
  } else {
    partial.replaceChildren(el('span', { class: 'speaker' }, `${speakerOf(line)}: `), line.text);
    box.append(partial);
  }
  while (box.children.length > 200) box.firstChild.remove();
  box.scrollTop = box.scrollHeight;
}

// ---- today ----

async function loadVoicemails() {
  const { voicemails } = await api('GET', '/voicemails?days=1');
  $('voicemails').replaceChildren(...voicemails.map((v) => el('li', {},
    el('strong', {}, v.name || v.from || 'Unknown'), ` · ${Math.round(v.millis / 1000)} s · ${v.reason} · `,
    el('a', { href: v.audio }, 'listen'))));
}

async function loadHistory() {
  const { calls } = await api('GET', '/history');
  $('history').replaceChildren(...calls.map((c) => el('li', {},
    el('strong', {}, c.name || c.from || c.callSid), ` · ${c.topic ? `“${c.topic}” · ` : ''}`,
    el('a', { href: `/api/show/calls/${c.callSid}/transcript` }, 'transcript'),
    c.recording ? [' · ', el('a', { href: `/api/show/calls/${c.callSid}/recording` }, 'recording')] : null,
    c.summary ? el('div', { class: 'summary' }, c.summary) : null)));
}

// ---- the microphone ----

async function startMic(takeover = false) {
  audio = new HostAudio((s) => {
    $('mic-state').textContent = s.connected ? 'In the studio' : (s.reason || 'Mic off');
    $('mic-start').hidden = s.connected;
    $('mic-mute').hidden = !s.connected;
    if (!s.connected && s.code === 4409 && !takeover && confirm(`${s.reason}. Take over?`)) {
      startMic(true);
    }
  });
  try {
    await audio.start(takeover);
  } catch (e) {
    toast(`The microphone could not start: ${e.message}`);
  }
}

function meter() {
  const f = window.parleyAudio;
  if (f) {
    $('mic-level').style.width = `${Math.min(100, Math.round(Math.sqrt(f.micLevel) * 180))}%`;
  }
  for (const w of document.querySelectorAll('.wait')) {
    w.textContent = minutes(Math.max(0, (Date.now() - Date.parse(w.dataset.since)) / 1000));
  }
  for (const t of document.querySelectorAll('.timer')) {
    t.textContent = minutes((Date.now() - Number(t.dataset.since)) / 1000);
  }
  requestAnimationFrame(meter);
}

// ---- keys ----

function keys(event) {
  if (event.target.closest('input, textarea, dialog')) return;
  const waiting = state.queue.filter((c) => c.status !== 'on-air');
  const index = waiting.findIndex((c) => c.callSid === state.selected);
  const actions = { t: 'take', v: 'voicemail', d: 'drop', e: 'edit', b: 'block' };
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    const next = waiting[Math.max(0, Math.min(waiting.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) select(next.callSid);
    event.preventDefault();
  } else if (event.key === 'n') {
    api('POST', '/next');
  } else if (event.key === 'h') {
    const onAir = state.queue.find((c) => c.status === 'on-air');
    if (onAir) api('POST', `/queue/${onAir.callSid}/hold`);
  } else if (event.key === 'm' && audio) {
    $('mic-mute').click();
  } else if (event.key === 'a') {
    respond();
  } else if (event.key === 'f') {
    followUp();
  } else if (actions[event.key]) {
    act(actions[event.key], state.selected);
  }
}

// ---- start ----

function listen() {
  const events = new EventSource('/api/show/events');
  events.addEventListener('queue', (e) => {
    state.queue = JSON.parse(e.data).queue;
    renderQueue();
  });
  events.addEventListener('studio', (e) => renderShow(JSON.parse(e.data)));
  events.addEventListener('transcript', (e) => transcript(JSON.parse(e.data)));
  events.addEventListener('mood', (e) => mood(JSON.parse(e.data)));
  events.addEventListener('segment', () => loadEarlier().catch(() => {}));
  events.addEventListener('call', (e) => {
    const { change } = JSON.parse(e.data);
    if (change === 'left' || change === 'voicemail') {
      loadHistory().catch(() => {});
      loadVoicemails().catch(() => {});
    }
  });
  events.onerror = () => $('who').textContent = 'reconnecting…';
  events.onopen = () => $('who').textContent = '';
}

document.addEventListener('DOMContentLoaded', () => {
  $('next').addEventListener('click', () => api('POST', '/next'));
  $('ai-respond').addEventListener('click', respond);
  $('ai-mode').addEventListener('click', toggleMode);
  $('followup').addEventListener('click', () => followUp());
  $('followup-auto').addEventListener('change', setAutoFollowUp);
  $('followup-delay').addEventListener('change', setAutoFollowUp);
  $('show-start').addEventListener('click', startShow);
  $('show-end').addEventListener('click', endShow);
  $('on-air').addEventListener('click', () => api('PUT', '', { onAir: !(state.show && state.show.onAir) })
    .then(renderShow));
  $('mic-start').addEventListener('click', () => startMic(false));
  $('mic-mute').addEventListener('click', () => {
    const muted = $('mic-mute').getAttribute('aria-pressed') !== 'true';
    audio.mute(muted);
    $('mic-mute').setAttribute('aria-pressed', muted);
    $('mic-mute').textContent = muted ? 'Unmute' : 'Mute';
  });
  document.addEventListener('keydown', keys);
  listen();
  loadHistory().catch(() => {});
  loadVoicemails().catch(() => {});
  api('GET', '').then(renderShow).then(loadPersonas).then(loadEarlier).catch(() => {});
  loadShows().catch(() => {});
  requestAnimationFrame(meter);
});
