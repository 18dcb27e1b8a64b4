import test from "node:test";
import assert from "node:assert/strict";

// form/firstframe.js holds the form's script back until the page's first
// frame is painted, or for a second where no frame comes. Each test loads
// a fresh copy of the module (a query makes a new one) with the frames and
// the timers in its hands: requestAnimationFrame and setTimeout keep their
// callbacks, and the test calls them. (Node's mock timers, tried first,
// do not fire a timer set after a later one.)
const turn = () => new Promise(r => setImmediate(r));

async function load(t, name) {
  const frames = [], timers = [], setTimeout_ = globalThis.setTimeout;
  globalThis.requestAnimationFrame = cb => frames.push(cb);
  globalThis.setTimeout = (fn, ms = 0) => timers.push({ fn, ms });
  t.after(() => { globalThis.setTimeout = setTimeout_; delete globalThis.requestAnimationFrame; });
  let settled = false;
  const done = import(`../form/firstframe.js?${name}`).then(() => { settled = true; });
  for (let i = 0; i < 1000 && frames.length == 0; i++) await turn();
  assert.equal(frames.length, 1, "the module asks for one frame");
  return {
    frames,
    // fire runs the timers of ms milliseconds set so far.
    fire: ms => timers.splice(0).forEach(x => x.ms == ms ? x.fn() : timers.push(x)),
    timers,
    settled: async () => (await turn(), settled),
    done,
  };
}

test("the script goes on after the first frame, once it is painted", async (t) => {
  const m = await load(t, "frame");
  assert.deepEqual(m.timers.map(x => x.ms), [1000], "it waits for the frame, or a second");
  assert.equal(await m.settled(), false, "it waits for the frame");
  m.frames[0](0);
  assert.equal(await m.settled(), false, "the frame's callback runs before the frame is painted: it waits for the task after it");
  assert.deepEqual(m.timers.map(x => x.ms).sort(), [0, 1000]);
  m.fire(0);
  assert.equal(await m.settled(), true, "it goes on in the task after the frame");
  m.fire(1000); // the second timer finds it going already
  await m.done;
});

test("without a frame (a background tab, a busy machine) the script goes on after a second", async (t) => {
  const m = await load(t, "noframe");
  assert.equal(await m.settled(), false);
  m.fire(1000);
  assert.equal(await m.settled(), true, "it goes on without the frame");
  m.frames[0](0); // a frame at last changes nothing
  m.fire(0);
  await m.done;
});
