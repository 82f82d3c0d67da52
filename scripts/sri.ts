// Prints the Subresource Integrity value (sha384) of built files, for a <script integrity="…"> attribute:
// `npm run sri` for the two script-tag builds, or `npm run sri -- dist/cdn/qr-scanner.js …` for others.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
for (const file of files.length > 0 ? files : ['dist/inbox-elements.min.js', 'dist/cdn/inbox-elements.js']) {
  console.log(`${file}  sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`);
}
