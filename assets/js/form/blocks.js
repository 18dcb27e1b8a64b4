// The blocks below the form that show what the record holds beyond its
// fields: values from an earlier version of the form (kept, exported again;
// a private note among them prints only when its owner allows it), and who
// contributed what by merging a file.

import { $, cfg, msg, make, day } from "./dom.js";
import { collect, labelOfKey, isPrivate } from "./values.js";
import { draft } from "./drafts.js";
import { shareable } from "../lib/record.js";
import { entries, values, isList, isPlain, hasOwn } from "../lib/util.js";

export const show = v => isList(v) ? v.map(show).join("\n") : isPlain(v) ? values(v).filter(x => x !== false && x !== "").join(" · ") : String(v);

const fillBlock = (id, items) => {
  $(`#${id} ${id == "earlier" ? "dl" : "ul"}`).replaceChildren(...items);
  $("#" + id).hidden = !items.length;
};

export const blocks = () => {
  const allowed = shareable(draft.earlier, cfg.schema, collect());
  fillBlock("earlier", entries(draft.earlier || {}).map(([k, v]) => {
    const pair = make("div");
    pair.append(make("dt", k), make("dd", show(v)));
    if (isPrivate(k, v)) {
      pair.className = "private-earlier";
      pair.toggleAttribute("data-shared", hasOwn(allowed, k));
      pair.firstChild.append(" ", make("span", msg("earlier_private"), "private-earlier__note"));
    }
    return pair;
  }));
  fillBlock("contributions", (draft.contrib || []).map(c => make("li", msg("contributed", {
    who: c.who, party: cfg.roles[c.party] || "", date: day(c.at), file: c.file,
    fields: (isList(c.keys) ? c.keys : []).map(labelOfKey).join(", ") || msg("nothing"),
  }))));
};
