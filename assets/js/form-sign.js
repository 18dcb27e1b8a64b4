// The form's sign-off (docs/record.md, section 4): seals, whether each
// signature is current, the record fingerprint in the footer. The form
// script loads this module, with its integrity hash, only once it is
// needed: the open draft holds a verdict or a shared summary, the
// sign-off comes into view or is touched, or a file is exported or the
// form printed. A form being filled in on a phone does not load it. Like
// the tools, it shares the open draft by importing the form script's
// very module again (tools/form.js), and hands its actions over; hashing
// is its alone, also for the tools (upgrade: a file's format-1 seals).

import { f, cfg } from "./tools/form.js";
import { seal, sign, signatures } from "./tools/signoff.js";
import { upgrade } from "./lib/signature.js";

f.provideSign({ seal, sign, signatures, upgrade: doc => upgrade(doc, cfg.schema) });
