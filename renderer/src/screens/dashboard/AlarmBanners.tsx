import type { Notice } from '../../../../preload/api'
import { NoticeItem } from '../../components/Banners'
import { RetryDelivery } from './deliveries/RetryDelivery'

/** Alarms about tokens: one banner per cause, each with a way to its family's row. */
export function AlarmBanners({ alarms, onShow }: { alarms: Notice[]; onShow: (familyId: string) => void }) {
  if (alarms.length === 0) return null
  return (
    <ul className="notices alarms" aria-label="Alerts about your tokens">
      {alarms.map((notice) => (
        <NoticeItem
          key={notice.id}
          notice={notice}
          extra={
            <>
              <RetryDelivery notice={notice} />
              {notice.familyId && (
                <button type="button" className="link" onClick={() => onShow(notice.familyId!)}>
                  Show the tokens
                </button>
              )}
            </>
          }
        />
      ))}
    </ul>
  )
}
