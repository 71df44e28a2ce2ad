// The studio's side of the host's audio: 20 ms frames of 16-bit samples at 16 kHz arrive from the socket and play
// through a small jitter buffer. Playback starts once 80 ms are buffered; an empty buffer plays silence (an
// underrun) and buffers 80 ms again; more than 300 ms waiting drops the oldest audio, so the host never hears
// the studio late. Every 100 ms it reports frames, underruns, drops and the level to the page.
const PREFILL = 4 * 320;
const LIMIT = 15 * 320;

class PlaybackProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.queue = [];
    this.queued = 0;
    this.current = null;
    this.offset = 0;
    this.playing = false;
    this.frames = 0;
    this.underruns = 0;
    this.dropped = 0;
    this.level = 0;
    this.sinceReport = 0;
    this.port.onmessage = (event) => this.receive(new Int16Array(event.data));
  }

  receive(frame) {
    this.queue.push(frame);
    this.queued += frame.length;
    this.frames++;
    let sum = 0;
    for (let i = 0; i < frame.length; i++) {
      sum += frame[i] * frame[i];
    }
    this.level = Math.sqrt(sum / frame.length) / 32768;
    while (this.queued > LIMIT) {
      const oldest = this.queue.shift();
      this.queued -= oldest.length;
      this.dropped++;
    }
    if (!this.playing && this.queued >= PREFILL) {
      this.playing = true;
    }
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    for (let i = 0; i < out.length; i++) {
      if (!this.playing) {
        out[i] = 0;
        continue;
      }
      if (!this.current || this.offset >= this.current.length) {
        this.current = this.queue.shift();
        this.offset = 0;
        if (!this.current) {
          this.playing = false;
          this.underruns++;
          out[i] = 0;
          continue;
        }
        this.queued -= this.current.length;
      }
      out[i] = this.current[this.offset++] / 32768;
    }
    for (let c = 1; c < outputs[0].length; c++) {
      outputs[0][c].set(out);
    }
    this.sinceReport += out.length;
    if (this.sinceReport >= 1600) {
      this.sinceReport = 0;
      this.port.postMessage({ frames: this.frames, underruns: this.underruns, dropped: this.dropped,
        level: this.level, buffered: this.queued });
    }
    return true;
  }
}

registerProcessor('parley-playback', PlaybackProcessor);
