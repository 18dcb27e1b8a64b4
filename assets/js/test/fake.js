// A stand-in for localStorage with a quota in characters, as browsers
// count it (key and value), that throws like a full storage.
export const fakeStorage = (quota = Infinity) => {
  const m = new Map();
  const used = () => [...m].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    get length() { return m.size; },
    key: i => [...m.keys()][i] ?? null,
    getItem: k => m.has(k) ? m.get(k) : null,
    setItem(k, v) {
      v = String(v);
      if (quota < Infinity && used() - (m.has(k) ? k.length + m.get(k).length : 0) + k.length + v.length > quota) {
        throw new DOMException("quota", "QuotaExceededError");
      }
      m.set(k, v);
    },
    removeItem: k => { m.delete(k); },
    map: m,
  };
};

// schema is the record's fixed keys, as layouts/_partials/form/schema.html
// writes them into the page.
export const schema = {
  date: "meta.date", previous: "meta.previous", next: "meta.next", department: "meta.department",
  period: "meta.period", participants: "meta.participants", review: "meta.review",
  signoff: "signoff", private: "private", share: "share",
  follow: { "meta.date": "meta.previous", "meta.next": "meta.date", "meta.department": "meta.department", "meta.period": "meta.period", "meta.participants": "meta.participants" },
  agreement: { what: "what", who: "who", due: "due", done: "done", status: "status" },
  status: ["achieved", "partly", "not", "dropped"],
};
