// The host's microphone and ears: getUserMedia (echo cancellation, noise suppression, automatic gain) into the
// capture worklet, 20 ms PCM16 frames at 16 kHz over WS /console/audio, and the studio's frames back into the
// playback worklet. Figures for the page (and for tests) are in `window.parleyAudio`.

export class HostAudio {
  constructor(onState) {
    this.onState = onState;
    this.figures = { sent: 0, received: 0, played: 0, underruns: 0, dropped: 0, micLevel: 0, studioLevel: 0,
      maxStudioLevel: 0 };
    window.parleyAudio = this.figures;
    this.muted = false;
  }

  async start(takeover) {
    this.context = new AudioContext({ sampleRate: 16000, latencyHint: 'interactive' });
    await this.context.audioWorklet.addModule('worklets/capture.js');
    await this.context.audioWorklet.addModule('worklets/playback.js');
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
    });
    const source = this.context.createMediaStreamSource(this.stream);
    this.capture = new AudioWorkletNode(this.context, 'parley-capture', { numberOfOutputs: 0 });
    this.playback = new AudioWorkletNode(this.context, 'parley-playback', { numberOfInputs: 0, outputChannelCount: [1] });
    source.connect(this.capture);
    this.playback.connect(this.context.destination);
    this.playback.port.onmessage = (event) => {
      const f = event.data;
      this.figures.played = f.frames;
      this.figures.underruns = f.underruns;
      this.figures.dropped = f.dropped;
      this.figures.studioLevel = f.level;
      this.figures.maxStudioLevel = Math.max(this.figures.maxStudioLevel, f.level);
    };
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.socket = new WebSocket(`${scheme}//${location.host}/console/audio${takeover ? '?takeover=true' : ''}`);
    this.socket.binaryType = 'arraybuffer';
    this.socket.onopen = () => this.onState({ connected: true });
    this.socket.onclose = (event) => {
      this.onState({ connected: false, code: event.code, reason: event.reason });
      this.stop();
    };
    this.socket.onmessage = (event) => {
      this.figures.received++;
      this.playback.port.postMessage(event.data, [event.data]);
    };
    this.capture.port.onmessage = (event) => {
      this.figures.micLevel = event.data.level;
      if (this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(event.data.frame);
        this.figures.sent++;
      }
    };
  }

  mute(muted) {
    this.muted = muted;
    if (this.capture) {
      this.capture.port.postMessage({ muted });
    }
  }

  stop() {
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) {
      this.socket.close(1000, 'the host left');
    }
    if (this.stream) {
      this.stream.getTracks().forEach((t) => t.stop());
      this.stream = null;
    }
    if (this.context) {
      this.context.close();
      this.context = null;
    }
  }
}
