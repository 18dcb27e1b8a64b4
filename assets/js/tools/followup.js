// Follow-up: the next conversation, in this method or in another of the
// cycle with the same parties (from the planning conversation into the
// review). The new draft takes the dates, unit, period and participants,
// and every agreement of this one to review with its status; it starts
// from this draft or from a file of any method of the site.

import { f, $, cfg, msg, tell, warn, store, methodOf, now, empty } from "./form.js";
import { read } from "./files.js";
import { followUp } from "../lib/record.js";

const start = (values, from, name) => {
  const to = methodOf($("#follow-method").value) || methodOf(cfg.method), s = cfg.schema;
  const carried = followUp(values, methodOf(from)?.agreements || [], s);
  const count = key => (carried[key] || []).filter(r => !empty(r)).length;
  const counted = (key, n) => msg(key, { n });
  const vars = { name: msg("follow", { name }), agreements: counted("count_agreements", count(s.review)), participants: counted("count_participants", count(s.participants)), method: to.title };
  const rec = f.fresh(vars.name, carried, { party: f.draft.party });
  if (to.id == cfg.method) f.begin(rec, "", "not_carried", vars) && tell("carried", vars);
  // Another method's form opens it: store it there, then go.
  else if (f.save() && store.put(to.id, { ...rec, method: to.id, version: to.version, lang: cfg.lang, savedAt: now() })) {
    store.mark(to.id, rec.id);
    location.assign(to.form + "#draft=" + rec.id);
  } else warn("not_carried", vars);
};

export const followFromDraft = () => start(f.collect(), cfg.method, f.draft.name);

export const followFromFile = async (input) => {
  const doc = await read(input, "");
  if (doc) start(doc.values, doc.method, doc.name);
};
