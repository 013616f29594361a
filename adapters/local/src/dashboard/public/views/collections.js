// Collections: a partition of a collection (by its key or an index), each document with its version; one document shown whole.
import { get } from "../api.js";
import { h, pretty, show, table } from "../dom.js";

export async function collectionsView(root) {
  const collections = await get("collections");
  if (collections.length === 0) return show(root, h("h1", {}, "Collections"), h("p", { class: "empty" }, "The app declares no collection."));
  const shapeSelect = h("select", { name: "index", "aria-label": "By" });
  const collectionSelect = h("select", { name: "collection", "aria-label": "Collection", onchange: () => fillShapes() }, collections.map((c) => h("option", {}, c.name)));
  const partition = h("input", { name: "partition" });
  const partitionLabel = h("span");
  const page = h("div");
  const documentView = h("div", { class: "document" });
  const current = () => collections.find((c) => c.name === collectionSelect.value);
  const fillShapes = () => {
    const { key, indexes } = current();
    show(shapeSelect, h("option", { value: "" }, `key (${key.partition})`), Object.entries(indexes).map(([name, s]) => h("option", { value: name }, `${name} (${s.partition})`)));
    labelPartition();
  };
  const labelPartition = () => {
    const { key, indexes } = current();
    partitionLabel.textContent = `Partition: ${(shapeSelect.value ? indexes[shapeSelect.value] : key).partition}`;
    partition.setAttribute("aria-label", partitionLabel.textContent);
  };
  shapeSelect.addEventListener("change", labelPartition);
  const browse = async (event, cursor) => {
    event?.preventDefault();
    const query = new URLSearchParams({ partition: partition.value, index: shapeSelect.value, ...(cursor ? { cursor } : {}) });
    try {
      const { items, cursor: next } = await get(`collections/${encodeURIComponent(collectionSelect.value)}/documents?${query}`);
      show(
        page,
        items.length
          ? table(
              [
                ["Document", (d) => h("button", { class: "link", onclick: () => show(documentView, h("h2", {}, `version ${d.version}`), pretty(d.value)) }, summary(d.value))],
                ["Version", (d) => h("code", {}, d.version)],
              ],
              items,
              { "aria-label": "documents" },
            )
          : h("p", { class: "empty" }, "No document in this partition."),
        next ? h("button", { onclick: () => browse(undefined, next) }, "Next page") : null,
      );
    } catch (error) {
      show(page, h("p", { class: "problem", role: "alert" }, error.message));
    }
  };
  fillShapes();
  show(
    root,
    h("h1", {}, "Collections"),
    h("form", { onsubmit: browse }, h("label", {}, h("span", {}, "Collection"), collectionSelect), h("label", {}, h("span", {}, "By"), shapeSelect), h("label", {}, partitionLabel, partition), h("button", { type: "submit" }, "Browse")),
    h("div", { class: "split" }, page, documentView),
  );
}

function summary(value) {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
