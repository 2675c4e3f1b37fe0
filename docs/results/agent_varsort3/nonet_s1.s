# found by superopt agent, seed 1
	.text
	.globl	varsort3_agent
	.type	varsort3_agent, @function
	.p2align 6
varsort3_agent:
	mov (%rdi), %eax
	mov %eax, %ecx
	mov 4(%rdi), %eax
	cmp $2, %ecx
	je .Lvarsort3_agent_L0
	cmp $3, %ecx
	jne .Lvarsort3_agent_L1
	mov %eax, %ecx
	mov 8(%rdi), %edx
	cmp %edx, %eax
	cmovl %edx, %ecx
	cmovl %eax, %edx
	mov 12(%rdi), %eax
	mov %ecx, %esi
	mov %eax, %ecx
	cmp %esi, %eax
	cmovg %esi, %ecx
	cmovg %eax, %esi
	mov %esi, 12(%rdi)
	cmp %edx, %ecx
	cmovl %edx, %eax
	cmovle %ecx, %esi
	cmovg %edx, %esi
	mov %esi, 4(%rdi)
	cmovge %ecx, %eax
	mov %eax, 8(%rdi)
	cmp %edx, %ecx
	cmovge %edx, %ecx
	jmp .Lvarsort3_agent_L2
.Lvarsort3_agent_L0:
	mov %eax, %ecx
	mov 8(%rdi), %eax
	mov %eax, %edx
	cmovle %ecx, %edx
	mov %eax, %esi
	cmp %edx, %eax
	cmovle %eax, %edx
	cmovge %esi, %ecx
	mov %ecx, 8(%rdi)
	mov %edx, 4(%rdi)
.Lvarsort3_agent_L1:
.Lvarsort3_agent_L2:
	ret
	.size	varsort3_agent, .-varsort3_agent
	.section	.note.GNU-stack,"",@progbits
