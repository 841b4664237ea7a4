// Job reports at scale (issue 15, point 6): registering a big storyboard's prompts for
// redaction does not take quadratic time.
#include "report/redactor.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace retake;

class TestReportStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redactorTakesTensOfThousandsOfPrompts();
};

void TestReportStream::redactorTakesTensOfThousandsOfPrompts()
{
    // Given a 20,000-shot storyboard's prompts and negative prompts (40,000 texts), one of
    // them a prefix of another
    Redactor redactor;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 20000; ++i) {
        redactor.addPrivateText(u"shot %1 of the harbour at dawn, wide"_s.arg(i),
                                u"[prompt withheld]"_s);
        redactor.addPrivateText(u"no people in shot %1"_s.arg(i), u"[negative prompt withheld]"_s);
    }
    redactor.addPrivateText(u"shot 7 of the harbour at dawn, wide, with fog"_s,
                            u"[prompt withheld]"_s);
    const QString clean = redactor.apply(
        u"rejected: \"shot 7 of the harbour at dawn, wide, with fog\"; \"no people in shot 12\""_s);
    const qint64 elapsed = clock.elapsed();

    // Then the longer prompt wins over its own prefix, and every prompt is withheld
    QCOMPARE(clean, u"rejected: \"[prompt withheld]\"; \"[negative prompt withheld]\""_s);
    // ... in well under a second (it took half a minute when every addition re-sorted the
    // list); the bound is loose for a loaded machine.
    qInfo("40,001 prompts registered and applied in %lld ms", elapsed);
    QVERIFY2(elapsed < 5000, qPrintable(u"%1 ms"_s.arg(elapsed)));
}

QTEST_GUILESS_MAIN(TestReportStream)
#include "tst_reportstream.moc"
