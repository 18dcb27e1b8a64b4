// ESLint for the site's scripts (assets/js) and their Node tests: the
// recommended rules, in CI (.ci/run). The vendored SHA-256 module is
// checked by its authors and kept byte for byte, so it is left out.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["assets/js/vendor/**", "node_modules/**", "public/**", "resources/**", "tools/**/testdata/**"] },
  js.configs.recommended,
  {
    rules: {
      // Storage that refuses (private mode, a full quota) and a file that
      // is not JSON are expected: the empty catch is the decision.
      "no-empty": ["error", { allowEmptyCatch: true }],
      // Leaving out a part of an object by destructuring it away.
      "no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // The patterns that take control characters out of text from files
      // name them on purpose.
      "no-control-regex": "off",
    },
  },
  {
    files: ["assets/js/**/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    files: ["assets/js/test/**/*.js", "tools/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node } },
  },
];
