// Writes the app and tray icons into assets/ with nothing but zlib: no image tools needed.
// Run: node scripts/make-icons.mjs. The output is checked in; run again only to change a design.
import { Buffer } from 'node:buffer'
import { deflateSync } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** RGBA PNG from a function of the pixel centre in [0,1]² that returns [r,g,b,a]. */
export function png(size, paint) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1)
    raw[row] = 0 // no filter
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint((x + 0.5) / size, (y + 0.5) / size, size)
      raw.set([r, g, b, a], row + 1 + x * 4)
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

// Coverage of a shape edge over about one pixel, for smooth edges at 16 px.
const cover = (distanceInside, size) => Math.max(0, Math.min(1, distanceInside * size + 0.5))

/** A filled disc with a darker ring: the tray shows the worst token state by colour alone. */
const dot = (rgb) => (x, y, size) => {
  const d = Math.hypot(x - 0.5, y - 0.5)
  const alpha = cover(0.44 - d, size)
  const ring = cover(d - 0.34, size)
  const shade = (c) => Math.round(c * (1 - 0.35 * ring))
  return [shade(rgb[0]), shade(rgb[1]), shade(rgb[2]), Math.round(255 * alpha)]
}

/** App icon: a rounded blue square holding a white key-hole disc. */
const appIcon = (x, y, size) => {
  const r = 0.18
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - r - 0.04), 0)
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - r - 0.04), 0)
  const square = cover(r - Math.hypot(qx, qy), size)
  const disc = cover(0.16 - Math.hypot(x - 0.5, y - 0.42), size)
  const stem = cover(Math.min(0.06 - Math.abs(x - 0.5), 0.72 - y, y - 0.42), size)
  const white = Math.max(disc, stem)
  const mix = (bg, fg) => Math.round(bg * (1 - white) + fg * white)
  return [mix(24, 255), mix(92, 255), mix(200, 255), Math.round(255 * square)]
}

const states = { ok: [46, 160, 67], expiring: [230, 160, 20], dead: [210, 45, 45] }

const dir = join(import.meta.dirname, '..', 'assets')
mkdirSync(dir, { recursive: true })
for (const [name, rgb] of Object.entries(states)) {
  writeFileSync(join(dir, `tray-${name}.png`), png(16, dot(rgb)))
  // Electron picks the @2x file by itself on high-density displays.
  writeFileSync(join(dir, `tray-${name}@2x.png`), png(32, dot(rgb)))
}
writeFileSync(join(dir, 'icon.png'), png(512, appIcon))
writeFileSync(join(dir, 'icon-256.png'), png(256, appIcon))
console.log(`icons written to ${dir}`)
