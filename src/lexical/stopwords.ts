/**
 * Stopwords for the lexical side: function words and the reporting verbs and honorifics every
 * news story carries ("said", "mr"), which share nothing distinctive between two articles. English
 * has its own list; Ukrainian extends `stopwords-iso`'s short list (73 words) with the function
 * words and reporting verbs of Ukrainian news.
 */
import { createRequire } from 'node:module';

/** Lower-case words that never count as evidence of relatedness. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against ago all almost along already also although always am among an
  and another any anyone anything are around as at away back be became because become been before
  being below between both but by can cannot could did do does doing done down during each either
  else even ever every few first for from further get gets got had has have having he her here hers
  herself him himself his how however i if in including into is it its itself just last least less
  like made make many may me might more most much must my myself near need never new next no nor
  not now of off often on once one only onto or other others our ours ourselves out over own per
  put rather really said same say saying says see seen several shall she should since so some still
  such than that the their theirs them themselves then there these they this those though three
  through thus to today told too took two under until up upon us use used very via was way we week
  well were what whatever when where whether which while who whole whom whose why will with within
  without would year years yet you your yours yourself yourselves mr mrs ms dr according added
  around asked called came come comes go going gone know known let lot lots make makes making
  many meanwhile told yesterday tomorrow
  s t don didn doesn isn wasn weren wouldn couldn shouldn ve ll re d m`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

const ISO_UKRAINIAN = createRequire(import.meta.url)('stopwords-iso').uk as string[];

/** Ukrainian function words and news reporting verbs (lower case, as written). */
export const UKRAINIAN_STOPWORDS: ReadonlySet<string> = new Set([
  ...ISO_UKRAINIAN,
  ...`а або аби адже але б би бо був була були було бути в вже ви від він вона вони воно все всі
  всього втім де для до же з за зі із і й його їй їм їх її є коли котрий котра котре котрі крім
  лише між мене мені ми мов може можна на навіть над нас не неї нею ним них ні ну о об окрім от
  перед по поки при про проти під після саме свій своє свої своїх своєї свого своїм свою себе собі
  та так також там те тим тих то тобто тому тут у хто це цей ця ці цих цього цій ці цю час через
  чи чим що щоб щодо як який яка яке які якщо якого якої яких я ж ще вже дуже вона більше менше
  понад близько майже усі усе усього наш наша наше наші ваш ваша ваше ваші мій моя моє мої має
  мають мав мала мали буде будуть є був бути стало став стала стали можуть може зможе повинен
  заявив заявила заявили заява сказав сказала сказали каже кажуть повідомив повідомила повідомили
  повідомляє повідомляють повідомили зазначив зазначила зазначили наголосив наголосила додав
  додала додали розповів розповіла розповіли пише пишуть відповідно згідно зокрема тощо пан пані
  рік року році роки років сьогодні вчора завтра нині тепер`
    .split(/\s+/)
    .filter((word) => word.length > 0),
]);
