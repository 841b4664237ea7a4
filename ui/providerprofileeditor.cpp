#include "providerprofileeditor.h"

#include "messagebanner.h"
#include "providers/providerfactory.h"
#include "statestyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

constexpr double kMaxTimeoutSeconds = 24.0 * 3600;

// Stages choice: the data of each item of the stages combo box.
const QString kAllStages = u"all"_s;

QDoubleSpinBox *secondsBox(QWidget *parent, const QString &name, double minimum, bool zeroIsNoLimit)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(minimum, kMaxTimeoutSeconds);
    box->setDecimals(2);
    box->setSingleStep(1.0);
    box->setSuffix(ProviderProfileEditor::tr(" s", "seconds suffix"));
    if (zeroIsNoLimit)
        box->setSpecialValueText(ProviderProfileEditor::tr("no limit"));
    box->setAccelerated(true);
    return box;
}

int milliseconds(const QDoubleSpinBox *box)
{
    return qRound(box->value() * 1000.0);
}

QString kindText(const QString &kind)
{
    if (kind == u"local"_s)
        return ProviderProfileEditor::tr("Built-in offline renderer (local)");
    const ProviderKindInfo info = providerKindInfo(kind);
    return info.label == kind ? kind
                              : ProviderProfileEditor::tr("%1 (%2)", "kind label (kind name)")
                                    .arg(info.label, kind);
}

} // namespace

ProviderProfileEditor::ProviderProfileEditor(const ProviderProfile &profile, Mode mode,
                                             Commit commit, QWidget *parent)
    : QDialog(parent), m_initial(profile), m_commit(std::move(commit)),
      m_problems(new MessageBanner(this)), m_id(new QLineEdit(this)), m_kind(new QComboBox(this)),
      m_baseUrl(new QLineEdit(this)), m_model(new QLineEdit(this)), m_keyRef(new QLineEdit(this)),
      m_stages(new QComboBox(this)), m_maxConcurrency(new QSpinBox(this)),
      m_cost(new QDoubleSpinBox(this)), m_connect(secondsBox(this, u"timeoutConnect"_s, 0, true)),
      m_firstByte(secondsBox(this, u"timeoutFirstByte"_s, 0, true)),
      m_total(secondsBox(this, u"timeoutTotal"_s, 0, true)),
      m_poll(secondsBox(this, u"timeoutPoll"_s, 0.01, false)),
      m_maxPoll(secondsBox(this, u"timeoutMaxPoll"_s, 0.01, false)),
      m_job(secondsBox(this, u"timeoutJob"_s, 0, true)), m_httpHosts(new QLineEdit(this))
{
    setObjectName(u"providerProfileEditor"_s);
    setWindowTitle(mode == Mode::Add ? tr("Add provider profile")
                                     : tr("Edit provider profile %1").arg(profile.id));
    auto *layout = new QVBoxLayout(this);

    m_problems->setObjectName(u"profileProblems"_s);
    m_problems->setAccessibleName(tr("Problems"));
    m_problems->hide();
    connect(m_problems, &MessageBanner::dismissed, m_problems, &QWidget::hide);
    layout->addWidget(m_problems);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_id->setObjectName(u"profileId"_s);
    m_id->setPlaceholderText(tr("e.g. studio-comfyui"));
    m_id->setToolTip(tr("The name storyboards use for this provider: letters, digits, '-' "
                        "and '_'"));
    m_id->setMaxLength(64);
    form->addRow(fieldLabel(u"id"_s) + u':', m_id);

    m_kind->setObjectName(u"profileKind"_s);
    for (const QString &kind : supportedProviderKinds())
        m_kind->addItem(kindText(kind), kind);
    m_kind->setToolTip(tr("What kind of server this is; it decides the wire format"));
    form->addRow(fieldLabel(u"kind"_s) + u':', m_kind);

    m_baseUrl->setObjectName(u"profileBaseUrl"_s);
    m_baseUrl->setToolTip(tr("https anywhere; plain http only to this computer or to the "
                             "hosts allowed below. Leave empty for the kind's default."));
    m_baseUrl->setInputMethodHints(Qt::ImhUrlCharactersOnly);
    form->addRow(fieldLabel(u"baseUrl"_s) + u':', m_baseUrl);

    m_model->setObjectName(u"profileModel"_s);
    form->addRow(fieldLabel(u"model"_s) + u':', m_model);

    m_keyRef->setObjectName(u"profileKeyRef"_s);
    m_keyRef->setToolTip(tr("The name under which the API key is kept in the system keychain "
                            "(and the environment variable RETAKE_KEY_<NAME>) — never the key "
                            "itself. Use \"Set API key…\" in the list to store the key."));
    form->addRow(fieldLabel(u"keyRef"_s) + u':', m_keyRef);

    m_stages->setObjectName(u"profileStages"_s);
    form->addRow(fieldLabel(u"stages"_s) + u':', m_stages);

    m_maxConcurrency->setObjectName(u"profileMaxConcurrency"_s);
    m_maxConcurrency->setRange(1, 256);
    m_maxConcurrency->setToolTip(tr("Attempts run at once on this provider at most; Retake "
                                    "lowers it by itself when the provider rate-limits"));
    form->addRow(fieldLabel(u"maxConcurrency"_s) + u':', m_maxConcurrency);

    m_cost->setObjectName(u"profileCost"_s);
    m_cost->setRange(0.0, 1e6);
    m_cost->setDecimals(4);
    m_cost->setToolTip(tr("What one attempt costs, in your own units (e.g. US cents); used "
                          "for estimates and the run budget"));
    form->addRow(fieldLabel(u"costPerUnit"_s) + u':', m_cost);

    m_httpHosts->setObjectName(u"profileHttpHosts"_s);
    m_httpHosts->setPlaceholderText(tr("e.g. gpu-box.lan, 192.168.1.20"));
    m_httpHosts->setToolTip(tr("Hosts on your own network that may be reached over plain "
                               "http, separated by commas. Everything else needs https."));
    form->addRow(fieldLabel(u"allowHttpHosts"_s) + u':', m_httpHosts);
    layout->addLayout(form);

    auto *timeouts = new QGroupBox(tr("Timeouts"), this);
    auto *grid = new QGridLayout(timeouts);
    const QList<QPair<QString, QDoubleSpinBox *>> boxes{
        {u"timeouts.connectMs"_s, m_connect},
        {u"timeouts.firstByteMs"_s, m_firstByte},
        {u"timeouts.totalMs"_s, m_total},
        {u"timeouts.pollIntervalMs"_s, m_poll},
        {u"timeouts.maxPollIntervalMs"_s, m_maxPoll},
        {u"timeouts.jobMs"_s, m_job}};
    for (int i = 0; i < boxes.size(); ++i) {
        auto *label = new QLabel(fieldLabel(boxes.at(i).first) + u':', timeouts);
        label->setBuddy(boxes.at(i).second);
        grid->addWidget(label, i / 2, (i % 2) * 2);
        grid->addWidget(boxes.at(i).second, i / 2, (i % 2) * 2 + 1);
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    m_connect->setToolTip(tr("Until a request is on the wire"));
    m_firstByte->setToolTip(tr("From sending a request until the answer starts"));
    m_total->setToolTip(tr("One HTTP exchange, downloads included"));
    m_poll->setToolTip(tr("The first status poll of a job; it grows up to the longest poll "
                          "interval"));
    m_job->setToolTip(tr("A whole job on the provider, queueing included"));
    layout->addWidget(timeouts);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(u"saveProfile"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProviderProfileEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    // Fill in.
    m_id->setText(profile.id);
    const int kindIndex = m_kind->findData(profile.kind);
    m_kind->setCurrentIndex(kindIndex >= 0 ? kindIndex
                                           : std::max(0, m_kind->findData(u"comfyui"_s)));
    m_baseUrl->setText(profile.baseUrl);
    m_model->setText(profile.model);
    m_keyRef->setText(profile.keyRef);
    m_maxConcurrency->setValue(profile.maxConcurrency);
    m_cost->setValue(profile.costPerUnit);
    const ProviderTimeouts &t = profile.timeouts;
    m_connect->setValue(t.connectMs / 1000.0);
    m_firstByte->setValue(t.firstByteMs / 1000.0);
    m_total->setValue(t.totalMs / 1000.0);
    m_poll->setValue(t.pollIntervalMs / 1000.0);
    m_maxPoll->setValue(t.maxPollIntervalMs / 1000.0);
    m_job->setValue(t.jobMs / 1000.0);
    m_httpHosts->setText(profile.allowHttpHosts.join(u", "_s));
    updateForKind();
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProviderProfileEditor::updateForKind);
    if (mode == Mode::Add)
        m_id->setFocus(Qt::OtherFocusReason);
}

void ProviderProfileEditor::updateForKind()
{
    const QString kind = m_kind->currentData().toString();
    const ProviderKindInfo info = providerKindInfo(kind);
    m_baseUrl->setEnabled(info.network);
    m_baseUrl->setPlaceholderText(info.defaultBaseUrl.isEmpty()
                                      ? tr("no server: runs on this computer")
                                      : tr("default: %1").arg(info.defaultBaseUrl));
    m_model->setPlaceholderText(info.defaultModel.isEmpty()
                                    ? tr("the kind's default")
                                    : tr("default: %1").arg(info.defaultModel));
    m_keyRef->setEnabled(info.network);
    m_keyRef->setPlaceholderText(info.network ? tr("the profile's id") : QString());

    // Keep the choice when the new kind allows it; at first, the profile's own.
    const QString current = m_stages->count() > 0          ? m_stages->currentData().toString()
                            : m_initial.stages.size() == 1 ? nameOf(m_initial.stages.constFirst())
                                                           : kAllStages;
    m_stages->clear();
    const bool image = info.stages.contains(Stage::Image);
    const bool video = info.stages.contains(Stage::Video);
    if (image && video) {
        m_stages->addItem(tr("Image and video"), kAllStages);
        m_stages->addItem(tr("Image only"), nameOf(Stage::Image));
        m_stages->addItem(tr("Video only"), nameOf(Stage::Video));
    } else if (image) {
        m_stages->addItem(tr("Image"), kAllStages);
    } else if (video) {
        m_stages->addItem(tr("Video"), kAllStages);
    } else {
        m_stages->addItem(tr("Voice-overs (audio)"), kAllStages);
    }
    m_stages->setEnabled(m_stages->count() > 1);
    m_stages->setCurrentIndex(std::max(0, m_stages->findData(current)));
}

ProviderProfile ProviderProfileEditor::profile() const
{
    ProviderProfile p = m_initial;
    p.id = m_id->text().trimmed();
    p.kind = m_kind->currentData().toString();
    p.baseUrl = m_baseUrl->isEnabled() ? m_baseUrl->text().trimmed() : QString();
    p.model = m_model->text().trimmed();
    p.keyRef = m_keyRef->isEnabled() ? m_keyRef->text().trimmed() : QString();
    p.stages.clear();
    if (const auto stage = stageFromString(m_stages->currentData().toString()))
        p.stages << *stage;
    p.maxConcurrency = m_maxConcurrency->value();
    p.costPerUnit = m_cost->value();
    p.timeouts.connectMs = milliseconds(m_connect);
    p.timeouts.firstByteMs = milliseconds(m_firstByte);
    p.timeouts.totalMs = milliseconds(m_total);
    p.timeouts.pollIntervalMs = milliseconds(m_poll);
    p.timeouts.maxPollIntervalMs = milliseconds(m_maxPoll);
    p.timeouts.jobMs = milliseconds(m_job);
    p.allowHttpHosts.clear();
    const QStringList hosts = m_httpHosts->text().split(u',', Qt::SkipEmptyParts);
    for (const QString &host : hosts) {
        if (!host.trimmed().isEmpty())
            p.allowHttpHosts << host.trimmed().toLower();
    }
    p.origin.clear();
    return p;
}

QString ProviderProfileEditor::problemText() const
{
    return m_problems->isHidden() ? QString() : m_problems->text();
}

void ProviderProfileEditor::accept()
{
    const QList<ProfileProblem> problems = m_commit ? m_commit(profile()) : QList<ProfileProblem>();
    if (!problems.isEmpty()) {
        showProblems(problems);
        return;
    }
    showProblems({});
    QDialog::accept();
}

void ProviderProfileEditor::showProblems(const QList<ProfileProblem> &problems)
{
    QStringList lines;
    for (const ProfileProblem &problem : problems)
        lines << describe(problem);
    m_problems->setMessage(lines.join(u'\n'), BannerType::Error, {});
    m_problems->setVisible(!lines.isEmpty());
    if (problems.isEmpty())
        return;
    m_problems->setAccessibleDescription(m_problems->text());
    if (QWidget *first = widgetFor(problems.constFirst().field)) {
        first->setFocus(Qt::OtherFocusReason);
        if (auto *edit = qobject_cast<QLineEdit *>(first))
            edit->selectAll();
    }
}

QWidget *ProviderProfileEditor::widgetFor(const QString &field) const
{
    const QHash<QString, QWidget *> widgets{
        {u"id"_s, m_id},
        {u"kind"_s, m_kind},
        {u"baseUrl"_s, m_baseUrl},
        {u"model"_s, m_model},
        {u"keyRef"_s, m_keyRef},
        {u"stages"_s, m_stages},
        {u"maxConcurrency"_s, m_maxConcurrency},
        {u"costPerUnit"_s, m_cost},
        {u"allowHttpHosts"_s, m_httpHosts},
        {u"timeouts.connectMs"_s, m_connect},
        {u"timeouts.firstByteMs"_s, m_firstByte},
        {u"timeouts.totalMs"_s, m_total},
        {u"timeouts.pollIntervalMs"_s, m_poll},
        {u"timeouts.maxPollIntervalMs"_s, m_maxPoll},
        {u"timeouts.jobMs"_s, m_job},
    };
    return widgets.value(field);
}

QString ProviderProfileEditor::fieldLabel(const QString &field)
{
    if (field == u"id")
        return tr("ID", "provider profile field");
    if (field == u"kind")
        return tr("Kind", "provider profile field");
    if (field == u"baseUrl")
        return tr("Base URL", "provider profile field");
    if (field == u"model")
        return tr("Model", "provider profile field");
    if (field == u"keyRef")
        return tr("API key name", "provider profile field");
    if (field == u"stages")
        return tr("Stages", "provider profile field");
    if (field == u"maxConcurrency")
        return tr("Max concurrency", "provider profile field");
    if (field == u"costPerUnit")
        return tr("Cost per unit", "provider profile field");
    if (field == u"allowHttpHosts")
        return tr("Plain http allowed to", "provider profile field");
    if (field == u"timeouts.connectMs")
        return tr("Connect", "timeout field");
    if (field == u"timeouts.firstByteMs")
        return tr("First byte", "timeout field");
    if (field == u"timeouts.totalMs")
        return tr("Whole request", "timeout field");
    if (field == u"timeouts.pollIntervalMs")
        return tr("First poll after", "timeout field");
    if (field == u"timeouts.maxPollIntervalMs")
        return tr("Longest poll interval", "timeout field");
    if (field == u"timeouts.jobMs")
        return tr("Whole job", "timeout field");
    if (field == u"maxDownloadBytes")
        return tr("Largest download", "provider profile field");
    if (field == u"maxRedirects")
        return tr("Redirects", "provider profile field");
    if (field == u"rateLimit")
        return tr("Requests per minute", "provider profile field");
    if (field == u"maxWaitMs")
        return tr("Longest wait for a rate limit", "provider profile field");
    return field;
}

QString ProviderProfileEditor::describe(const ProfileProblem &problem)
{
    const QString field = fieldLabel(problem.field);
    using Code = ProfileProblem::Code;
    switch (problem.code) {
    case Code::Missing:
        if (problem.field == u"id")
            return tr("%1: enter an id, e.g. \"studio-comfyui\"; storyboards name the provider "
                      "by it.")
                .arg(field);
        return tr("%1: this field is required.").arg(field);
    case Code::BadId:
        return tr("%1: use only letters, digits, '-' and '_' (at most 64 characters), "
                  "starting with a letter or digit.")
            .arg(field);
    case Code::ReservedId:
        return tr("%1: \"local\" is the built-in provider; choose another id.").arg(field);
    case Code::DuplicateId: {
        QString where;
        switch (problem.source) {
        case ProfileSource::BuiltIn:
            where = tr("Retake itself");
            break;
        case ProfileSource::Storyboard:
        case ProfileSource::ProvidersFile:
            where = QFileInfo(problem.detail).fileName();
            break;
        case ProfileSource::UserSettings:
            where = tr("your settings");
            break;
        }
        return tr("%1: another profile with this id is already defined in %2; choose another "
                  "id.")
            .arg(field, where);
    }
    case Code::UnknownKind:
        return tr("%1: not a kind Retake knows; choose one of %2.").arg(field, problem.detail);
    case Code::BadUrl:
        return tr("%1: not an http or https address; enter one such as "
                  "https://api.example.com or http://127.0.0.1:8188, or leave it empty for the "
                  "kind's default.")
            .arg(field);
    case Code::CredentialsInUrl:
        return tr("%1: remove the user name and password from the address; store the API key "
                  "with \"Set API key…\" instead.")
            .arg(field);
    case Code::PlainHttp:
        return tr("%1: plain http to %2 would send prompts and keys unencrypted. Use https, or "
                  "add %2 to \"%3\" if it is a machine on your own network.")
            .arg(field, problem.detail, fieldLabel(u"allowHttpHosts"_s));
    case Code::BadKeyRef:
        return tr("%1: use letters, digits, '.', '-' and '_' (at most 64) — the name of the "
                  "key, not the key itself.")
            .arg(field);
    case Code::BadHost:
        return tr("%1: \"%2\" is not a host name; enter names such as gpu-box.lan, separated "
                  "by commas.")
            .arg(field, problem.detail);
    case Code::OutOfRange: {
        const bool timeout = problem.field.startsWith(u"timeouts."_s);
        const double scale = timeout ? 1000.0 : 1.0;
        const QLocale locale;
        return tr("%1: enter a value from %2 to %3%4.")
            .arg(field, locale.toString(problem.minimum / scale),
                 locale.toString(problem.maximum / scale),
                 timeout ? tr(" s", "seconds suffix") : QString());
    }
    case Code::NotSaved:
        return tr("Your settings could not be written (%1); check that the folder is writable "
                  "and save again.")
            .arg(problem.detail);
    }
    Q_UNREACHABLE();
}

} // namespace retake::ui
