// Copies the pinned front-end packages from node_modules/ into footcore's static folder and
// writes the README there (package, version, license). Run: npm ci --ignore-scripts && npm run vendor
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "src", "footcore", "web", "static", "vendor");

const packages = [
  {
    name: "htmx.org",
    folder: "htmx",
    use: "page updates without full reloads (library search and filters)",
    files: ["dist/htmx.min.js", "LICENSE"],
  },
  {
    name: "chart.js",
    folder: "chartjs",
    use: "the charts on the progress page (drawn on a canvas; no inline script or style)",
    files: ["dist/chart.umd.min.js", "LICENSE.md"],
  },
  {
    name: "axe-core",
    folder: "axe",
    use: "the accessibility audit of every page in the browser tests (never loaded by a page)",
    files: ["axe.min.js", "LICENSE"],
  },
  {
    name: "swagger-ui-dist",
    folder: "swagger-ui",
    use: "the interactive API documentation at /docs",
    files: [
      "swagger-ui-bundle.js",
      "swagger-ui-bundle.js.LICENSE.txt",
      "swagger-ui.css",
      "LICENSE",
      "NOTICE",
    ],
  },
];

const rows = [];
for (const pkg of packages) {
  const source = join(here, "node_modules", pkg.name);
  const meta = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
  const out = join(target, pkg.folder);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const file of pkg.files) {
    copyFileSync(join(source, file), join(out, file.split("/").pop()));
  }
  rows.push(`| ${pkg.folder}/ | ${pkg.name} | ${meta.version} | ${meta.license} | ${pkg.use} |`);
  console.log(`vendored ${pkg.name} ${meta.version} -> ${pkg.folder}/`);
}

const readme = `# Vendored front-end files

footcore serves these files itself; no page loads anything from another host. They are
copied unchanged from the npm packages pinned in \`web-vendor/package.json\` (with
\`web-vendor/package-lock.json\`). To refresh them, change the pins there and run:

    cd web-vendor && npm ci --ignore-scripts && npm run vendor

This README is written by \`web-vendor/vendor.mjs\`; edit that script, not this file.

| folder | package | version | license | used for |
|---|---|---|---|---|
${rows.join("\n")}

Each folder keeps the package's own license file(s).
`;
writeFileSync(join(target, "README.md"), readme);
