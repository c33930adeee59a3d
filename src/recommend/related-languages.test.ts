import { describe, expect, it } from 'vitest';
import { relatedOver } from '../../test/helpers/related-over.js';
import { type Article, parseArticle } from '../articles/article.js';

const uk = (id: string, title: string, body: string) =>
  parseArticle({ id, title, body, language: 'uk', publishedAt: '2026-03-01T08:00:00Z' });

const STORY = [
  uk(
    'nato-1',
    'Жодних військових НАТО в Україні: Захід погодився з вимогою Кремля',
    'Західні союзники погодилися, що миротворці країн НАТО не будуть розміщені в Україні. ' +
      'Кремль називав присутність миротворців неприйнятною. Речник Кремля Дмитро Пєсков ' +
      'привітав рішення союзників.',
  ),
  uk(
    'nato-2',
    'Кремль наполягає: миротворці країн НАТО в Україні неприйнятні',
    'Дмитро Пєсков заявив, що Москва не погодиться на миротворчу місію країн НАТО в Україні. ' +
      'Кремль вимагає гарантій, що миротворців альянсу не буде.',
  ),
  uk(
    'nato-3',
    'Союзники обговорили миротворчу місію без військових НАТО',
    'Міністри союзників обговорили, як може виглядати миротворча місія в Україні без ' +
      'військових НАТО, якої вимагає Кремль. Пєсков назвав це кроком уперед.',
  ),
];

const OTHERS = [
  uk(
    'pharmacist',
    'Фармацевтка пояснила, коли здуття живота є приводом звернутися до лікаря',
    'Здуття живота буває після важкої їжі, але якщо воно триває тижнями, варто звернутися ' +
      'до сімейного лікаря, радить фармацевтка з Полтави.',
  ),
  uk(
    'football',
    'Дніпряни обіграли лідера чемпіонату',
    'Футбольний клуб здобув першу перемогу під керівництвом нового тренера, обігравши ' +
      'лідера чемпіонату з рахунком два один.',
  ),
  uk(
    'budget',
    'Міська рада Зорянська ухвалила бюджет на наступний рік',
    'Депутати Зорянська проголосували за бюджет, у якому найбільше коштів піде на школи ' +
      'та ремонт доріг.',
  ),
  uk(
    'power',
    'У Хмелеві відновили електропостачання після нічної атаки',
    'Енергетики відновили світло для більшості споживачів Хмелева після нічної атаки ' +
      'дронів на підстанцію.',
  ),
];

async function setup(articles: readonly Article[], modelCovers: (language: string) => boolean) {
  return (await relatedOver(articles, { modelCovers })).related;
}

const englishOnly = (language: string) => language === 'en';

describe('related lists in a language the model does not know', () => {
  it('lists the Ukrainian NATO story from lexical evidence and nothing else', async () => {
    const related = await setup([...STORY, ...OTHERS], englishOnly);
    for (const source of STORY) {
      const list = await related.forArticle(source.id);
      const others = STORY.filter((a) => a.id !== source.id).map((a) => a.id);
      expect(list.items.map((i) => i.id).sort()).toEqual(others.sort());
    }
  });

  it('shows the reasons in the source language, names folded across cases', async () => {
    const related = await setup([...STORY, ...OTHERS], englishOnly);
    const list = await related.forArticle('nato-2');
    const reasons = list.items.flatMap((i) => i.reasons);
    expect(reasons).toEqual(expect.arrayContaining(['кремль', 'нато']));
  });

  it('takes no candidate from the embedding, which only adds noise there', async () => {
    const lexicalOnly = await setup([...STORY, ...OTHERS], englishOnly);
    const covered = await setup([...STORY, ...OTHERS], () => true);
    const ids = async (related: typeof covered) =>
      (await related.forArticle('nato-1', { minScore: 0 })).items.map((i) => i.id);
    // Said to know Ukrainian, the (noise) embedding brings every stored article as a candidate.
    expect(await ids(covered)).toContain('pharmacist');
    expect(await ids(lexicalOnly)).not.toContain('pharmacist');
  });

  it('shows no item that shares only generic words with the source', async () => {
    const basketball = uk(
      'basketball',
      'Баскетбольна збірна виграла стартовий матч відбору на чемпіонат',
      'Збірна виграла стартовий матч турніру, обігравши суперника з рахунком, і очолила групу ' +
        'відбору на чемпіонат.',
    );
    const related = await setup([...STORY, ...OTHERS, basketball], englishOnly);
    expect((await related.forArticle('football')).items.map((i) => i.id)).not.toContain(
      'basketball',
    );
  });
});
