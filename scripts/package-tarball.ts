import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The package as `npm pack` makes it from the built `dist/`: what a host installs. */
export interface PackedPackage {
  /** Absolute path of the `.tgz`, in a fresh temporary folder. */
  tarball: string;
  /** Bytes of the `.tgz` (gzip), as the registry stores and serves it. */
  packedBytes: number;
  /** Bytes of every file once unpacked. */
  unpackedBytes: number;
  files: { path: string; size: number }[];
}

interface NpmPackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

/**
 * Packs the package into a temporary folder. `prepack` (which builds) is skipped: the caller runs
 * after `npm run build`, so the tarball holds exactly the `dist/` the other checks looked at.
 */
export function packPackage(root = process.cwd()): PackedPackage {
  const destination = mkdtempSync(join(tmpdir(), 'inbox-elements-pack-'));
  const output = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const [result] = JSON.parse(output) as NpmPackResult[];
  return {
    tarball: join(destination, result.filename),
    packedBytes: result.size,
    unpackedBytes: result.unpackedSize,
    files: result.files.map(({ path, size }) => ({ path, size })),
  };
}

/** Deletes the tarball and its temporary folder. */
export function removePacked(packed: PackedPackage): void {
  rmSync(dirname(packed.tarball), { recursive: true, force: true });
}

export function kilobytesOf(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
