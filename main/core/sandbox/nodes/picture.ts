import { nodeType, sub, type Expansion, type FieldArgs, type View } from '../node-kit'
import { PROFILE_PICTURE_PATH, pictureSide } from '../profile-picture'

export interface PictureRecord {
  url: string
  width: number
  height: number
}

/** Sizes of the `type` modifier (`picture.type(large)`), square pixels. */
const SIZES: Record<string, number> = { square: 50, small: 50, normal: 100, album: 50, large: 200 }

export const pictureNode = nodeType<PictureRecord>({
  name: 'ProfilePictureSource',
  defaultFields: ['height', 'is_silhouette', 'url', 'width'],
  fields: {
    height: { get: (p) => p.height },
    is_silhouette: { get: () => false },
    url: { get: (p) => p.url },
    width: { get: (p) => p.width },
  },
})

/**
 * `picture` of a User or Page: `{"data":{...}}` as Graph wraps it. The URL is the sandbox's own
 * www side, which answers it with a small image, so a client can fetch what it was given.
 */
export function pictureOf(view: View, id: string, args: FieldArgs): { data: Expansion } {
  const base = SIZES[args.type ?? ''] ?? 50
  const width = pictureSide(args.width) ?? pictureSide(args.height) ?? base
  const height = pictureSide(args.height) ?? pictureSide(args.width) ?? base
  const url = `${view.ctx.wwwUrl}/${PROFILE_PICTURE_PATH}/?asid=${encodeURIComponent(id)}&height=${height}&width=${width}`
  return { data: sub(pictureNode, { url, width, height }) }
}
