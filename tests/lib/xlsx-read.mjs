// A minimal .xlsx reader for the API tests (and unzip() for any zip, e.g. a .docx): unzips with node's zlib and returns the first
// sheet's rows as arrays of text (shared and inline strings, numbers as written). Enough to read
// the files the server makes (templates, error reports, password lists); not a general reader.
import zlib from 'node:zlib';

export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28);
    const xlen = buf.readUInt16LE(p + 30);
    const clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8');
    const lnlen = buf.readUInt16LE(local + 26);
    const lxlen = buf.readUInt16LE(local + 28);
    const data = buf.subarray(local + 30 + lnlen + lxlen, local + 30 + lnlen + lxlen + csize);
    out[name] = method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function colIndex(ref) {
  let n = 0;
  for (const ch of ref.replace(/\d+/g, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The sheet names and the rows of sheet `index` (0: the first). */
export function readXlsx(buf, index = 0) {
  const files = unzip(buf);
  const wb = files['xl/workbook.xml'].toString('utf8');
  const names = [...wb.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => unescape(m[1]));
  const shared = [];
  if (files['xl/sharedStrings.xml']) {
    for (const si of files['xl/sharedStrings.xml'].toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g))
      shared.push(unescape([...si[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  }
  const sheet = files[`xl/worksheets/sheet${index + 1}.xml`].toString('utf8');
  const rows = [];
  for (const row of sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const c of row[1].matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, ref, attrs, inner = ''] = c;
      let v = '';
      if (/t="s"/.test(attrs)) v = shared[Number(/<v>(.*?)<\/v>/.exec(inner)?.[1])] ?? '';
      else if (/t="inlineStr"/.test(attrs)) v = unescape([...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
      else v = unescape(/<v>(.*?)<\/v>/.exec(inner)?.[1] ?? '');
      cells[colIndex(ref)] = v;
    }
    rows.push(Array.from(cells, (x) => x ?? ''));
  }
  return { names, rows };
}
