#include "budgetguard.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

void BudgetGuard::resetForNewRun(double spent)
{
    m_spent = spent;
    m_paused = false;
}

void BudgetGuard::releaseInFlight(double estimate)
{
    m_inFlight = std::max(0.0, m_inFlight - estimate);
}

bool BudgetGuard::allows(double next)
{
    if (cap() <= 0.0)
        return true;
    if (m_spent + m_inFlight + next <= cap() + 1e-9)
        return true;
    if (!m_paused) {
        m_paused = true;
        //: %1 spent, %2 the cap, %3 in flight, %4 the next task's cost (all in cost units).
        m_callbacks.log(
            QCoreApplication::translate(
                "retake::Engine",
                "Budget cap reached: %1 of %2 cost units spent, %3 in flight, the next task "
                "would cost %4. Dispatching stopped; nothing in flight is lost. Raise the cap to "
                "continue.")
                .arg(m_spent, 0, 'f', 2)
                .arg(cap(), 0, 'f', 2)
                .arg(m_inFlight, 0, 'f', 2)
                .arg(next, 0, 'f', 2));
        m_callbacks.capReached();
    }
    return false;
}

QString BudgetGuard::liftMessage() const
{
    return cap() > 0.0
               //: %1 is the new cap, %2 what was spent (cost units).
               ? QCoreApplication::translate(
                     "retake::Engine",
                     "Budget cap raised to %1 cost units (%2 spent): dispatching continues.")
                     .arg(cap(), 0, 'f', 2)
                     .arg(m_spent, 0, 'f', 2)
               //: %1 is what was spent (cost units).
               : QCoreApplication::translate(
                     "retake::Engine", "Budget cap removed (%1 spent): dispatching continues.")
                     .arg(m_spent, 0, 'f', 2);
}

} // namespace retake
