/** The intents a call is filed under, the same whether a model or the offline analysis reads it. */
export const CALL_INTENTS = [
  'Emergency',
  'Speak to a person',
  'Appointment',
  'Billing/insurance',
  'Pricing',
  'Hours/location',
  'Complaint',
  'Other',
] as const;

export type CallIntent = (typeof CALL_INTENTS)[number];

export const isCallIntent = (value: string): value is CallIntent =>
  (CALL_INTENTS as readonly string[]).includes(value);

/**
 * Keywords of each intent but "Other", checked in order; on a tie the earlier
 * intent wins, so the more specific come first.
 */
export const INTENT_KEYWORDS: ReadonlyArray<{ intent: CallIntent; keywords: readonly string[] }> = [
  {
    intent: 'Emergency',
    keywords: ['emergency', 'bleeding', 'severe pain', 'accident', 'swollen', 'urgent'],
  },
  {
    intent: 'Speak to a person',
    keywords: [
      'speak to someone',
      'talk to someone',
      'speak to a person',
      'talk to a person',
      'real person',
      'human',
      'manager',
      'representative',
      'staff member',
      'receptionist',
    ],
  },
  {
    intent: 'Appointment',
    keywords: [
      'appointment',
      'book',
      'booking',
      'schedule',
      'reschedule',
      'cancel',
      'cancellation',
      'slot',
      'availability',
      'visit',
    ],
  },
  {
    intent: 'Billing/insurance',
    keywords: [
      'bill',
      'invoice',
      'payment',
      'pay',
      'refund',
      'charged',
      'insurance',
      'insurer',
      'coverage',
      'covered',
      'kaiser',
    ],
  },
  { intent: 'Pricing', keywords: ['price', 'prices', 'cost', 'how much', 'quote', 'fee', 'fees'] },
  {
    intent: 'Hours/location',
    keywords: [
      'open',
      'opening hours',
      'business hours',
      'hours',
      'closed',
      'address',
      'location',
      'where are you',
      'directions',
      'parking',
    ],
  },
  {
    intent: 'Complaint',
    keywords: ['complaint', 'complain', 'unhappy', 'disappointed', 'terrible', 'rude', 'angry'],
  },
];
