import { defineCatalog } from '../i18n/catalog.ts';

export const filesMessages = defineCatalog(
  {
    'files.empty': 'Choose a file to upload',
    'files.tooLarge': 'The file is larger than the service accepts. Choose a smaller file',
    'files.wrongType': 'The file’s content is not of a type accepted here, whatever its name says',
    'files.polyglot': 'The file is two kinds of file at once (for example a PDF with an archive inside), so it was refused. Save it again from the original program and upload it',
    'files.corrupt': 'The file is damaged and cannot be read. Save it again from the original program and upload it',
    'files.zipBomb': 'The file expands to far more data than a document should, so it was refused. Save it again and upload it',
    'files.tooDemanding': 'Reading the file took too long or needed too much memory, so it was refused. Save it again, perhaps as smaller parts, and upload it',
    'files.badName': 'The file name contains characters that are not allowed (control or direction characters, slashes, quotes or < > : * ? |) or is longer than 255 bytes. Rename the file and upload it',
  },
  {
    'files.empty': 'Chagua faili la kupakia',
    'files.tooLarge': 'Faili ni kubwa kuliko huduma inavyopokea. Chagua faili ndogo zaidi',
    'files.wrongType': 'Maudhui ya faili si ya aina inayopokelewa hapa, hata kama jina lake linasema hivyo',
    'files.polyglot': 'Faili ni aina mbili za faili kwa wakati mmoja (kwa mfano PDF yenye kumbukumbu iliyobanwa ndani yake), kwa hiyo limekataliwa. Lihifadhi upya kutoka programu ya awali kisha ulipakie',
    'files.corrupt': 'Faili limeharibika na haliwezi kusomwa. Lihifadhi upya kutoka programu ya awali kisha ulipakie',
    'files.zipBomb': 'Faili linapanuka kuwa data nyingi kupita kiasi cha hati, kwa hiyo limekataliwa. Lihifadhi upya kisha ulipakie',
    'files.tooDemanding': 'Kusoma faili kulichukua muda mrefu mno au kulihitaji kumbukumbu nyingi mno, kwa hiyo limekataliwa. Lihifadhi upya, ikiwezekana kwa sehemu ndogo, kisha ulipakie',
    'files.badName': 'Jina la faili lina herufi zisizoruhusiwa (herufi za udhibiti au za mwelekeo, mikwaju, alama za nukuu au < > : * ? |) au ni refu kuliko baiti 255. Badilisha jina la faili kisha ulipakie',
  },
);
