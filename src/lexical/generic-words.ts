/**
 * Generic words: content words every kind of news uses ("people", "time", "announces", "six",
 * "final", "title"). They still count as lexical evidence (two reports of one event share them
 * too), but a reader would not accept one as the reason two articles belong together, so they
 * are never shown as reasons, and an item whose shared terms are all generic (or small numbers)
 * is never shown. Kept per language as stems of that language's rules.
 */
import { isNumberTerm } from './analyze.js';
import { primarySubtag, rulesFor } from './languages.js';

const ENGLISH = `people person time times day days night morning evening afternoon tonight weekend
  month months week weeks decade hour hours minute minutes moment date period season seasons
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
  zero four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
  hundreds thousand thousands million millions billion billions dozen half percent cent
  second third fourth fifth sixth final finals top big small large huge high low good bad better
  best worst great major minor key main early late former latest recent old young long short
  end start begin began set take takes taken give gives given show shows shown help helps want
  wants work works worked find found look looks move moves call calls case cases issue issues
  problem problems point points side sides group groups part parts place places thing things way
  world country countries area areas region local national international public general member
  members head man men woman women child children family families life home house number
  numbers level levels total rate rates change changes plan plans plans announce announces
  announced announcement report reports reported statement news official officials source
  sources team teams win wins won winning lose loses lost leads lead led title titles
  championship championships champion champions cup match matches game games player players
  coach draw draws score scored victory defeat earn earns earned contest contests promising
  record records return returns run runs open opens opened close closed hold holds held meet
  meets met able likely possible real true clear full free next new same different certain
  whole various important rival rivals leave leaves left push pushes warn warns warned add adds
  live lives lived include includes included stop stops stopped city cities cost costs fall falls
  fell fallen rise rises rose keep keeps kept bring brings brought turn turns turned try tries
  tried use uses need needs expect expects expected seek seeks face faces faced deal deals`;

/** The English list's words in Ukrainian (stemmed by its rules, so one form stands for all). */
const UKRAINIAN = `люди людей людина людини особа особи час часу часи день дня дні днів ніч ночі
  ранок ранку вечір вечора вихідні тиждень тижня тижні тижнів місяць місяця місяці місяців
  десятиліття година години годин хвилина хвилини хвилин момент дата період сезон сезону сезоні
  понеділок вівторок середа четвер пʼятниця п'ятниця субота неділя січень лютий березень квітень
  травень червень липень серпень вересень жовтень листопад грудень
  нуль два дві три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять двадцять
  тридцять сорок п'ятдесят сто сотні тисяча тисячі тисяч мільйон мільйона мільйони мільйонів
  мільярд мільярди мільярдів десяток десятки половина відсоток відсотки відсотків
  перший перша перше другий друга третій четвертий п'ятий шостий фінал фінальний
  великий велика велике великі малий мала маленький високий низький добрий хороший поганий
  кращий найкращий найгірший важливий головний основний ключовий ранній пізній колишній
  останній останні недавній старий новий нова нове нові молодий довгий короткий
  кінець початок почати почав почала почали взяти дати надати показати допомогти допомога
  хотіти хоче працювати працює працював працювали робота роботи знайти знайшли шукати
  справа справи випадок випадки питання проблема проблеми пункт бік сторона сторони група
  групи частина частини місце місця річ речі спосіб світ світу країна країни країн район
  область регіон місцевий національний національного міжнародний громадський загальний
  член члени голова чоловік жінка жінки дитина діти дітей родина сім'я життя дім будинок
  номер число кількість рівень ставка зміна зміни план плани оголосити оголосив оголосила
  оголошення звіт новини посадовець посадовці офіційний джерело джерела команда команди
  перемога перемогти виграв виграла програв програла лідер титул чемпіонат чемпіон кубок
  матч гра ігри гравець гравці тренер нічия рахунок поразка конкурс рекорд повернення
  відкрити відкрив закрити закрив тримати провести зустріч здатний ймовірно можливий
  справжній повний вільний наступний самий різний певний цілий суперник залишити додати жити
  зупинити місто міста село громада громади вартість падіння зростання принести повернути
  спробувати використати потреба очікувати угода відповісти відповів відповіла людьми
  результат рішення ситуація школа школи`;

const GENERIC: Readonly<Record<string, string>> = { en: ENGLISH, uk: UKRAINIAN };

const stems = new Map<string, ReadonlySet<string>>();

function genericStems(language: string): ReadonlySet<string> {
  let found = stems.get(language);
  if (found === undefined) {
    const rules = rulesFor(language);
    const words = (GENERIC[language] ?? '').split(/\s+/).filter((word) => word.length > 0);
    found = new Set(words.flatMap((word) => [word, rules.stem(word, word)]));
    stems.set(language, found);
  }
  return found;
}

/**
 * Whether a reader would take the shared term `stem` (in `language`, a BCP 47 tag) as a reason:
 * not a generic word, and a number only when it reads as a quantity or a date (a point, or
 * three digits or more: 4.6, 137, 2013), not "14".
 */
export function isReasonTerm(stem: string, language: string | undefined): boolean {
  if (isNumberTerm(stem)) {
    return stem.includes('.') || stem.length >= 3;
  }
  return !genericStems(primarySubtag(language)).has(stem);
}
