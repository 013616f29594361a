// Test helpers of the local runtime: a real (headless) browser for the dashboard's and the docs site's tests, and the dashboard as a person drives it.
export { CHROMIUM_PATH, launchChromium, openLoopbackPage, type LoopbackPage } from "./browser.js";
export { DashboardPage } from "./dashboard-page.js";
