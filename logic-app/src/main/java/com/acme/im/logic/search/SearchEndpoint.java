package com.acme.im.logic.search;

import com.acme.im.proto.logic.v1.SearchMessagesRequest;
import com.acme.im.proto.logic.v1.SearchMessagesResponse;
import com.acme.im.proto.logic.v1.SearchServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * SearchService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class SearchEndpoint extends SearchServiceGrpc.SearchServiceImplBase {

    private final SearchService search;

    public SearchEndpoint(SearchService search) {
        this.search = search;
    }

    @Override
    public void searchMessages(SearchMessagesRequest request, StreamObserver<SearchMessagesResponse> observer) {
        observer.onNext(search.search(request.getUserId(), request.getQuery(), request.getConversationId(),
                request.getPage(), request.getPageSize()));
        observer.onCompleted();
    }
}
