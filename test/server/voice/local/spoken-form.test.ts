import { describe, expect, it } from 'vitest';
import { spokenForm } from '../../../../src/server/voice/providers/local/text/spoken-form.js';

const cases = (table: Array<[written: string, spoken: string]>) => {
  for (const [written, spoken] of table) expect(spokenForm(written), written).toBe(spoken);
};

describe('spokenForm: an answer written for the ear', () => {
  it('drops markdown: bullets, headings, emphasis, links and tables', () => {
    cases([
      ['- Tooth whitening: 290 euros', 'Tooth whitening: 290 euros'],
      ['* **Crown**: from 650 euros', 'Crown: from 650 euros'],
      ['## Opening hours\nWe are open today.', 'Opening hours. We are open today.'],
      ['Book on [our website](https://acme.example/book) _today_.', 'Book on our website today.'],
      ['| Day | Hours |', 'Day: Hours.'],
      ['|---|:---:|', ''],
      ['| Mon–Thu | 7:30–19:00 |', 'Monday to Thursday: 7:30 AM to 7 PM.'],
      ['| First hour | £95 | £150 |', 'First hour: 95 pounds, 150 pounds.'],
    ]);
  });

  it('reads times on the 12-hour clock', () => {
    cases([
      ['We close at 18:00.', 'We close at 6 PM.'],
      ['The desk opens at 8:30.', 'The desk opens at 8:30 AM.'],
      ['Open 8:00–18:00 on weekdays.', 'Open 8 AM to 6 PM on weekdays.'],
      [
        'Rooms are ready from 15:00, check-out until 11:00.',
        'Rooms are ready from 3 PM, check-out until 11 AM.',
      ],
      ['Quiet hours are 22:00 to 7:00.', 'Quiet hours are 10 PM to 7 AM.'],
      [
        'Lunch ends at 12:00 and the line closes at 0:00.',
        'Lunch ends at noon and the line closes at midnight.',
      ],
      ['Open 8am–6pm.', 'Open 8 AM to 6 PM.'],
      [
        'From 9:00 am to 12:30 pm. Dr. Keller is in.',
        'From 9 AM to 12:30 PM. Doctor Keller is in.',
      ],
      ['See you at 9.30 a.m. tomorrow.', 'See you at 9:30 AM tomorrow.'],
      ['Drop-off is between 8:00 and 8:30 am.', 'Drop-off is between 8 AM and 8:30 AM.'],
    ]);
  });

  it('says prices with their currency', () => {
    cases([
      ['Whitening costs €290.', 'Whitening costs 290 euros.'],
      ['Parking is 2 EUR per hour.', 'Parking is 2 euros per hour.'],
      [
        'A crown costs CHF 1,300 to CHF 1,600.',
        'A crown costs 1,300 Swiss francs to 1,600 Swiss francs.',
      ],
      ['The first hour is £95.', 'The first hour is 95 pounds.'],
      ['Cats cost £15.50 a month.', 'Cats cost 15 pounds 50 a month.'],
      ['Implants start at $3,800.', 'Implants start at 3,800 dollars.'],
      ['Just €1 or €0.50.', 'Just 1 euro or 50 cents.'],
      ['It costs 290 euros.', 'It costs 290 euros.'],
    ]);
  });

  it('reads phone numbers digit by digit in their groups', () => {
    cases([
      ['Call +1 555 0199.', 'Call plus 1, 5 5 5, 0 1 9 9.'],
      ['Book on 044 210 33 44 today.', 'Book on 0 4 4, 2 1 0, 3 3, 4 4 today.'],
      ['Ring 0113 496 0800, day or night.', 'Ring 0 1 1 3, 4 9 6, 0 8 0 0, day or night.'],
      ['Call 555-0100.', 'Call 5 5 5, 0 1 0 0.'],
    ]);
  });

  it('leaves numbers that are not phone numbers alone', () => {
    cases([
      [
        'Founded in 2004 at Lindenstrasse 18, 8004 Zurich.',
        'Founded in 2004 at Lindenstrasse 18, 8004 Zurich.',
      ],
      ['Postcode LS18 5AB.', 'Postcode LS18 5AB.'],
      ['Updated 2026-12-07.', 'Updated 2026-12-07.'],
      ['Up to 1,900 euros.', 'Up to 1,900 euros.'],
    ]);
  });

  it('spells out ranges and common abbreviations', () => {
    cases([
      ['Open Mon–Fri.', 'Open Monday to Friday.'],
      ['Open Mon-Thu and Sat.', 'Open Monday to Thursday and Saturday.'],
      ['It takes approx. 12–18 months.', 'It takes approximately 12 to 18 months.'],
      [
        'Wear them 22 hrs a day, 30 min at a time.',
        'Wear them 22 hours a day, 30 minutes at a time.',
      ],
      ['Bring ID, e.g. a passport.', 'Bring ID, for example a passport.'],
      [
        'Prices incl. VAT; 10% off for members.',
        'Prices including VAT. 10 percent off for members.',
      ],
      ['Sun & public holidays: closed.', 'Sunday and public holidays: closed.'],
      ['We answer 24/7.', 'We answer around the clock.'],
    ]);
  });

  it('makes one idea per sentence out of clauses joined by semicolons', () => {
    cases([['Water is fine; food is not.', 'Water is fine. Food is not.']]);
  });
});
