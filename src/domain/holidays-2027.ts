import type { DayOverride } from './workdays'

/**
 * 2027's statutory days off as the holiday regulation fixes them (元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2,
 * 端午 1, 中秋 1, 国庆 3), lunar dates read off chinese-days' lunar calendar. The State Council's 调休 (bridge days
 * and working weekends) is not known until its notice: the year stays 未确认 until that table is imported.
 */
export const PROVISIONAL_2027: DayOverride[] = [
  { day: '2027-01-01', kind: 'rest', name: '元旦' },
  { day: '2027-02-05', kind: 'rest', name: '春节' },
  { day: '2027-02-06', kind: 'rest', name: '春节' },
  { day: '2027-02-07', kind: 'rest', name: '春节' },
  { day: '2027-02-08', kind: 'rest', name: '春节' },
  { day: '2027-04-05', kind: 'rest', name: '清明节' },
  { day: '2027-05-01', kind: 'rest', name: '劳动节' },
  { day: '2027-05-02', kind: 'rest', name: '劳动节' },
  { day: '2027-06-09', kind: 'rest', name: '端午节' },
  { day: '2027-09-15', kind: 'rest', name: '中秋节' },
  { day: '2027-10-01', kind: 'rest', name: '国庆节' },
  { day: '2027-10-02', kind: 'rest', name: '国庆节' },
  { day: '2027-10-03', kind: 'rest', name: '国庆节' },
]
