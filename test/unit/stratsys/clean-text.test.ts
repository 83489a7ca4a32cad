import { describe, expect, it } from 'vitest';
import { cleanText, parseStratsysJson } from '../../../src/stratsys/clean-text.js';

describe('Stratsys text without control characters', () => {
  it('names lose ESC sequences, NUL, DEL, C1 controls and line breaks', () => {
    expect(cleanText('A\u001b[2J\u001b]0;t\u0007B\u0000C\u007fD\u009b31mE', false)).toBe('A[2J]0;tBCD31mE');
    expect(cleanText('rad ett\nrad två\r\ntre\u2028fyra\u2029fem\tsex', false)).toBe('rad ett rad två  tre fyra fem sex');
  });

  it('multi-line texts keep tab and newline, line separators and CR become newlines', () => {
    expect(cleanText('<p>a\tb\r\nc\rd\u2028e\u2029f\u000bg\u000ch\u0000</p>', true)).toBe('<p>a\tb\nc\nd\ne\nf' + 'gh</p>');
  });

  it('keeps every other character, Swedish letters and emoji included', () => {
    const text = 'Gävle – Ölands Å 🌍 “citat” ‹›';
    expect(cleanText(text, false)).toBe(text);
    expect(cleanText(text, true)).toBe(text);
  });

  it('parseStratsysJson cleans every string by the field it is in, also inside arrays and nested objects', () => {
    const body = JSON.stringify({
      Success: true,
      Message: 'fel\ni\u001b[0m svaret',
      Result: [{ Name: 'Enhet\n\u0000X', Text: 'rad 1\r\nrad 2\u0007', DescriptionFields: [{ TextValue: 'a\u2028b', DescriptionField: { Name: 'Fält\t1' } }], Value: 3 }],
    });
    expect(parseStratsysJson(body)).toEqual({
      Success: true,
      Message: 'fel i[0m svaret',
      Result: [{ Name: 'Enhet X', Text: 'rad 1\nrad 2', DescriptionFields: [{ TextValue: 'a\nb', DescriptionField: { Name: 'Fält 1' } }], Value: 3 }],
    });
  });
});
