// Only the Bootstrap the pages use: `npm run build` (the Makefile's set-up) writes build/bootstrap.min.css
// from Bootstrap's full build, keeping every rule whose classes appear in what renders the pages.
// tests/test_trimmed_css.py renders every page and fails when one uses a Bootstrap class this file dropped.
const fs = require("fs");
const glob = require("fast-glob");

// Bootstrap's custom properties our own CSS and scripts read (var(--bs-success)): kept although no kept
// Bootstrap rule uses them.
const ourVariables = [
  ...new Set(
    glob
      .sync(["assets/css/*.css", "static/**/*.css", "static/**/*.js", "templates/**/*.html"])
      .flatMap((file) => fs.readFileSync(file, "utf-8").match(/--bs-[A-Za-z0-9-]+/g) || []),
  ),
];

module.exports = {
  css: ["node_modules/bootstrap/dist/css/bootstrap.min.css"],
  content: [
    // Our templates, and the forms' markup from crispy-forms' Bootstrap 5 templates and Django's widgets.
    "templates/**/*.html",
    "*/templates/**/*.html",
    ".venv/lib/python*/site-packages/crispy_bootstrap5/templates/**/*.html",
    ".venv/lib/python*/site-packages/django/forms/templates/**/*.html",
    // Attributes Django's widgets add in Python: a multiple select's `multiple` (.form-select[multiple]).
    ".venv/lib/python*/site-packages/django/forms/widgets.py",
    // Classes written in Python (widget attrs, rendering helpers, template tags) and by our scripts.
    "**/*.py",
    "static/**/*.js",
    "assets/**/*.js",
  ],
  // Also applied to the css glob above (so node_modules is not listed: it holds no .py file); `**` does not
  // enter .venv (a dot folder), only the venv paths named above are read.
  skippedContentGlobs: [
    "build/**",
    "staticfiles/**",
    "tests/**",
    "bench/**",
    "**/migrations/**",
  ],
  safelist: {
    standard: [
      // Set by Bootstrap's JS: collapse (navbar on phones, the child list's filters), dropdown, alert, modal.
      "show",
      "showing",
      "hiding",
      "collapsing",
      "collapse-horizontal",
      "fade",
      "modal-open",
      "modal-backdrop",
      "modal-static",
      // base.html writes a message's level as alert-{{ message.tags }} (info, success, warning; error is danger).
      /^alert-(info|success|warning|danger)$/,
    ],
    // The dropdown's static position in the navbar (data-bs-popper="static", set by dropdown.js).
    greedy: [/data-bs-popper/],
    variables: ourVariables,
  },
  keyframes: true,
  variables: true,
};
