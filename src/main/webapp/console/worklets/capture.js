// The microphone's side of the host's audio: the AudioContext runs at 16 kHz, so each 128-sample render quantum
// is 8 ms of the host's voice. This collects 320 samples (20 ms), turns them into 16-bit integers and hands each
// frame to the page, with the frame's level for the meter.
class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frame = new Int16Array(320);
    this.filled = 0;
    this.muted = false;
    this.port.onmessage = (event) => {
      if (event.data && typeof event.data.muted === 'boolean') {
        this.muted = event.data.muted;
      }
    };
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0) {
      return true;
    }
    const samples = input[0];
    for (let i = 0; i < samples.length; i++) {
      const s = this.muted ? 0 : Math.max(-1, Math.min(1, samples[i]));
      this.frame[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.filled === this.frame.length) {
        let sum = 0;
        for (let k = 0; k < this.frame.length; k++) {
          sum += this.frame[k] * this.frame[k];
        }
        const rms = Math.sqrt(sum / this.frame.length) / 32768;
        this.port.postMessage({ frame: this.frame.buffer, level: rms }, [this.frame.buffer]);
        this.frame = new Int16Array(320);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('parley-capture', CaptureProcessor);
