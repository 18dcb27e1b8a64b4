// Fills a message of the page's configuration. A message is a string with
// {name} placeholders, or, where it names a count, its plural forms
// {one, other} (Dutch and German have just these two), chosen by the
// number `count` names among the variables (default "n"): "1 datum",
// "2 datums", never "1 datums".

export const format = (message, vars = {}, count = "n") => {
  const s = typeof message === "string" ? message : (Number(vars[count]) === 1 ? message.one : message.other);
  return s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? "");
};
