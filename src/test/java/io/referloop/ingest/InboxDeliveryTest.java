package io.referloop.ingest;

import io.referloop.support.SharedContext;

@SharedContext
class InboxDeliveryTest extends InboxDeliveryContract {
}
