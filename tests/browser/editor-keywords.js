// Keywords that editors read from a JSON Schema (the YAML language server of VS Code) and that
// validators ignore: declared to ajv, whose strict mode refuses a keyword it does not know.
module.exports = function (ajv) {
  for (const keyword of [
    "markdownDescription",
    "markdownEnumDescriptions",
    "enumDescriptions",
    "defaultSnippets",
    "deprecationMessage",
    "doNotSuggest",
    "errorMessage",
  ]) {
    ajv.addKeyword(keyword);
  }
  return ajv;
};
