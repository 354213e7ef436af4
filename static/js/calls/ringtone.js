// The in-tab ring of an incoming call, made with Web Audio (two soft tones, twice, every
// three seconds), so natter ships no sound file. Browsers may refuse sound until the
// person has used the page; the ring then stays silent and the notice still shows.

const PATTERN_MS = 3000;

/** Starts ringing; answers {stop(), audible} (audible: whether the browser let it sound). */
export function ring() {
  let ctx;
  try {
    ctx = new AudioContext();
  } catch {
    return { stop() {}, audible: false };
  }
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
  const burst = () => {
    const t0 = ctx.currentTime + 0.05;
    for (const [start, freq] of [[0, 440], [0.2, 480], [0.6, 440], [0.8, 480]]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0, t0 + start);
      gain.gain.linearRampToValueAtTime(0.12, t0 + start + 0.03);
      gain.gain.linearRampToValueAtTime(0, t0 + start + 0.38);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + start);
      osc.stop(t0 + start + 0.4);
    }
  };
  burst();
  const timer = setInterval(burst, PATTERN_MS);
  return {
    get audible() {
      return ctx.state === 'running';
    },
    stop() {
      clearInterval(timer);
      ctx.close().catch(() => {});
    },
  };
}
