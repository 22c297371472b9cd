/**
 * A learner id: what the lead hands out in the link (`?learner=ID`), what names the submission file
 * and what the seed derives from. Letters, digits, dot, dash and underscore only, so an id is safe
 * in a URL, a file name, a terminal and a spreadsheet cell as it is. A module of its own so the lab
 * sheet can check ids without loading the schemas (and with them the emulator's scenarios).
 */
export const LEARNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const LEARNER_ID_MESSAGE =
  'a learner id is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit';
