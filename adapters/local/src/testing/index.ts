// Test helpers of the local runtime: a real (headless) browser for the dashboard's and the docs site's tests.
export { CHROMIUM_PATH, launchChromium, openLoopbackPage, type LoopbackPage } from "./browser.js";
