// Bootstrap's behaviour for the components the pages use, from Bootstrap's own sources (each module registers
// its data-bs-* handlers on import): collapse (the navbar's menu on phones, the child list's "more filters"),
// dropdown (the navbar's menus, with Popper) and alert (closing a message). `npm run build` (set-up) bundles
// this into build/bootstrap.min.js, served as vendor/bootstrap/js/bootstrap.min.js; templates/base.html loads
// it on pages with the navbar or a message. A page that starts using another component (modal, tab, tooltip…)
// must add it here; tests/test_bootstrap_js.py fails when a template uses a data-bs-toggle not bundled.
import "bootstrap/js/src/alert.js";
import "bootstrap/js/src/collapse.js";
import "bootstrap/js/src/dropdown.js";
