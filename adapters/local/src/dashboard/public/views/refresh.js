// A view that shows the server's state again every second while it is open.

/** Calls `draw` now and every second until the returned function is called (when the view is left). */
export async function everySecond(draw) {
  let timer;
  let open = true;
  const tick = async () => {
    await draw().catch(() => {});
    if (open) timer = setTimeout(tick, 1000);
  };
  await draw();
  timer = setTimeout(tick, 1000);
  return () => {
    open = false;
    clearTimeout(timer);
  };
}
