// The run's budget cap in the providers' cost units: a task may start only when what was
// spent, what is in flight and its own estimate stay within the cap. Reaching the cap
// stops dispatching (nothing in flight is lost); a higher cap lets the same run go on.
#pragma once

#include "engine/engineoptions.h"

#include <QString>

#include <functional>

namespace retake {

class BudgetGuard final
{
public:
    struct Callbacks {
        std::function<void(const QString &line)> log;
        std::function<void()> capReached;
    };
    BudgetGuard(const EngineOptions &options, Callbacks callbacks)
        : m_options(options), m_callbacks(std::move(callbacks))
    {
    }

    double cap() const { return m_options.budgetCap; }
    double spent() const { return m_spent; }
    double inFlight() const { return m_inFlight; }
    bool isPaused() const { return m_paused; }

    // Whether the cap, changed from `previousCap`, lifts a pause (raised or removed).
    bool liftsPause(double previousCap) const
    {
        return m_paused && (cap() <= 0.0 || cap() > previousCap);
    }
    void resetForNewRun(double spent = 0.0);
    void setSpent(double spent) { m_spent = spent; }
    void addSpent(double units) { m_spent += units; }
    void addInFlight(double estimate) { m_inFlight += estimate; }
    void releaseInFlight(double estimate);
    // True when an attempt estimated at `next` fits; otherwise pauses (once) and says so.
    bool allows(double next);
    void lift() { m_paused = false; }
    QString liftMessage() const;

private:
    const EngineOptions &m_options;
    Callbacks m_callbacks;
    double m_spent = 0.0;
    double m_inFlight = 0.0;
    bool m_paused = false;
};

} // namespace retake
