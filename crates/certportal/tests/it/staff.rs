//! «Handläggning»: queues, moment review, final review and issuing.
