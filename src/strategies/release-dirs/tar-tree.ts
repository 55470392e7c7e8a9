import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { treePath } from './tree-hash.js';
import type { TreeEntry } from './tree-hash.js';

/**
 * Reads a tar stream (ustar, pax and GNU long names: what git archive and GNU tar write) into the tree it
 * unpacks to, hashing each file's content as it passes: the runner's side of the tree hash, fed with the very
 * bytes the upload sends, so it costs no second read. Later entries replace earlier ones, as `tar -x` does.
 * Paths and link targets are byte strings (latin1: one character per byte), so any name survives exactly.
 */
export class TarTree {
  readonly entries = new Map<string, TreeEntry>();
  private buf = Buffer.alloc(0);
  private file: { path: string; executable: boolean; hash: Hash; left: number; pad: number } | undefined;
  /** A pax / GNU long-name record being read: its body is collected, then applies to the next header. */
  private meta: { type: string; body: Buffer[]; left: number; pad: number } | undefined;
  private pax: Record<string, string> = {};
  /** A pax `size` record: the next member's size when its header's field cannot hold it. */
  private paxSize: number | undefined;
  private skip = 0;
  private ended = false;

  /** Feeds the next bytes of the stream. */
  write(chunk: Buffer): void {
    let data = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.buf = Buffer.alloc(0);
    while (data.length && !this.ended) {
      if (this.skip) {
        const n = Math.min(this.skip, data.length);
        this.skip -= n;
        data = data.subarray(n);
      } else if (this.file) {
        const n = Math.min(this.file.left, data.length);
        this.file.hash.update(data.subarray(0, n));
        this.file.left -= n;
        data = data.subarray(n);
        if (!this.file.left) this.endFile();
      } else if (this.meta) {
        const n = Math.min(this.meta.left, data.length);
        this.meta.body.push(Buffer.from(data.subarray(0, n)));
        this.meta.left -= n;
        data = data.subarray(n);
        if (!this.meta.left) this.endMeta();
      } else if (data.length < 512) {
        this.buf = Buffer.from(data);
        return;
      } else {
        this.header(data.subarray(0, 512));
        data = data.subarray(512);
      }
    }
  }

  private header(h: Buffer): void {
    if (h.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    const str = (off: number, len: number) => {
      const s = h.subarray(off, off + len);
      const end = s.indexOf(0);
      return (end < 0 ? s : s.subarray(0, end)).toString('latin1');
    };
    const type = String.fromCharCode(h[156]!) || '0';
    const size = readSize(h.subarray(124, 136));
    const pad = (512 - (size % 512)) % 512;
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      this.meta = { type, body: [], left: size, pad };
      if (!size) this.endMeta();
      return;
    }
    const prefix = str(345, 155);
    const name = this.pax.path ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    const link = this.pax.linkpath ?? str(157, 100);
    const mode = parseInt(str(100, 8).trim() || '0', 8);
    this.pax = {};
    const path = treePath(name);
    const dataSize = this.paxSize ?? size;
    this.paxSize = undefined;
    const dataPad = (512 - (dataSize % 512)) % 512;
    if (type === '0' || type === '\0' || type === '7') {
      this.file = {
        path,
        executable: (mode & 0o100) !== 0,
        hash: createHash('sha256'),
        left: dataSize,
        pad: dataPad,
      };
      if (!dataSize) this.endFile();
      return;
    }
    if (type === '5') this.put({ path, kind: 'dir' });
    else if (type === '2') this.put({ path, kind: 'link', target: link });
    else if (type === '1') {
      // A hard link names an earlier member: the same content under another path.
      const to = this.entries.get(treePath(link));
      if (to?.kind === 'file') this.put({ ...to, path });
    }
    this.skip = dataSize + dataPad;
  }

  private endFile(): void {
    const f = this.file!;
    this.file = undefined;
    this.skip = f.pad;
    this.put({ path: f.path, kind: 'file', executable: f.executable, sha256: f.hash.digest('hex') });
  }

  private endMeta(): void {
    const m = this.meta!;
    this.meta = undefined;
    this.skip = m.pad;
    const body = Buffer.concat(m.body);
    if (m.type === 'L') this.pax.path = cString(body);
    else if (m.type === 'K') this.pax.linkpath = cString(body);
    else if (m.type === 'x') {
      const rec = parsePax(body);
      if (rec.path !== undefined) this.pax.path = rec.path;
      if (rec.linkpath !== undefined) this.pax.linkpath = rec.linkpath;
      if (rec.size !== undefined) this.paxSize = Number(rec.size);
    }
  }

  private put(e: TreeEntry): void {
    if (e.path === '') return;
    this.entries.set(e.path, e);
  }
}

/** The tree a tar stream (gzip-compressed when `gzip`) unpacks to, read to its end. */
export async function readTarTree(stream: Readable, gzip = false): Promise<TarTree> {
  const tree = new TarTree();
  const input = gzip ? stream.pipe(createGunzip()) : stream;
  for await (const chunk of input) tree.write(chunk as Buffer);
  return tree;
}

function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return (end < 0 ? b : b.subarray(0, end)).toString('latin1');
}

/** `<len> <key>=<value>\n` records. */
function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(0x20, i);
    if (sp < 0) break;
    const len = Number(body.subarray(i, sp).toString('ascii'));
    if (!len) break;
    const rec = body.subarray(sp + 1, i + len - 1).toString('latin1');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/** Octal, or GNU base-256 (high bit set) for sizes past 8 GiB. */
function readSize(field: Buffer): number {
  if (field[0]! & 0x80) {
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i]!;
    return n;
  }
  return parseInt(cString(field).trim() || '0', 8);
}

/** A TarTree fed chunk by chunk from another consumer's stream (the upload), gunzipped first when `gzip`. */
export function tarObserver(gzip: boolean): { write(chunk: Buffer): void; tree(): Promise<TarTree> } {
  const tree = new TarTree();
  if (!gzip) return { write: (c) => tree.write(c), tree: () => Promise.resolve(tree) };
  const gunzip = createGunzip();
  gunzip.on('data', (c: Buffer) => tree.write(c));
  const done = new Promise<TarTree>((resolve, reject) => {
    gunzip.on('end', () => resolve(tree));
    gunzip.on('error', reject);
  });
  return {
    write: (c) => gunzip.write(c),
    tree: () => {
      gunzip.end();
      return done;
    },
  };
}
