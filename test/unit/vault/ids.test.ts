import { describe, expect, it } from 'vitest'
import { checkId, newId } from '../../../main/core/vault/entry-file'

describe('vault ids', () => {
  it('are file-name safe and never start like a command-line option', () => {
    const ids = Array.from({ length: 5000 }, () => newId())
    for (const id of ids) {
      expect(checkId(id)).toBe(id)
      expect(id).toMatch(/^[A-Za-z0-9]/)
    }
    expect(new Set(ids).size).toBe(ids.length)
  })
})
