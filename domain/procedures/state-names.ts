// What people call a case's status and a step's state, in Vietnamese and English: the pages' labels
// and the words of a refused request (domain/procedures/refusals.ts) say them alike.
import type { Words } from '../rule-texts';

export const CASE_STATUS_NAMES: Record<string, Words> = {
  submitted: { vi: 'Đã tiếp nhận', en: 'Submitted' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  awaiting_supplement: { vi: 'Chờ bổ sung', en: 'Awaiting supplement' },
  completed: { vi: 'Hoàn thành', en: 'Completed' },
  partially_completed: { vi: 'Hoàn thành một phần', en: 'Partially completed' },
  rejected: { vi: 'Bị từ chối', en: 'Rejected' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
  annulled: { vi: 'Đã hủy bỏ', en: 'Annulled' },
};

export const STEP_STATE_NAMES: Record<string, Words> = {
  pending: { vi: 'Chưa bắt đầu', en: 'Not started' },
  waiting_agency: { vi: 'Cơ quan đang xử lý', en: 'With the agency' },
  in_review: { vi: 'Đang thẩm định', en: 'In review' },
  awaiting_supplement: { vi: 'Chờ bổ sung hồ sơ', en: 'Awaiting supplement' },
  returned: { vi: 'Trả lại cơ quan trước', en: 'Returned to the earlier agency' },
  completed: { vi: 'Hoàn thành', en: 'Completed' },
  rejected: { vi: 'Bị từ chối', en: 'Rejected' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  skipped: { vi: 'Không yêu cầu', en: 'Not requested' },
  compensated: { vi: 'Đã hoàn tác', en: 'Undone' },
};
